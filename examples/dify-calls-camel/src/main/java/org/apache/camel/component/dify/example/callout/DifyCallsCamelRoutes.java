/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.apache.camel.component.dify.example.callout;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationInput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationOutput;

/**
 * The two services Dify calls, as routes on the application's HTTP server: the support FAQ as an External Knowledge
 * API ({@code /dify/external-knowledge/retrieval}) and the support desk's rules and customer directory as an API-based
 * extension ({@code /dify/extension}). Each checks the key Dify was given (properties {@code knowledge.apiKey},
 * {@code extension.apiKey}).
 */
public class DifyCallsCamelRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("dify:externalKnowledge?knowledgeIds=support-faq&apiKey={{knowledge.apiKey}}").routeId("faq")
                .bean(SupportDesk.class,
                        "search(${body}, ${header.CamelDifyTopK}, ${header.CamelDifyScoreThreshold})")
                .log("Dify asked the FAQ \"${header.CamelDifyQuery}\": ${body.size()} records");

        from("dify:extension?apiKey={{extension.apiKey}}").routeId("support-desk")
                .choice()
                .when(body().isInstanceOf(ModerationInput.class))
                .bean(SupportDesk.class, "checkQuestion")
                .when(body().isInstanceOf(ModerationOutput.class))
                .bean(SupportDesk.class, "checkAnswer")
                .otherwise()
                .bean(SupportDesk.class, "tierOf")
                .end()
                .log("Dify called ${header.CamelDifyExtensionPoint}");
    }
}
