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
package org.apache.camel.component.dify.example;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;

/**
 * Asks the questions of {@code dify.example.questions} (separated by {@code ;}) one after another in one Dify
 * conversation, and prints each answer token by token as Dify streams it. {@code routes/dify-chat.camel.yaml} is the
 * same route in YAML.
 */
public class ChatRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:ask?repeatCount=1&delay=0")
                .routeId(DifyChatExample.ROUTE_ID)
                .setBody(simple("{{dify.example.questions}}"))
                .split(body().tokenize(";"))
                .stopOnException()
                .setBody(simple("${body.trim()}"))
                // continue the conversation Dify returned for the previous question
                .setHeader(DifyConstants.CONVERSATION_ID, variable("global:conversationId"))
                .log("You:  ${body}")
                // the body becomes the stream of events; each one is an exchange of the inner split
                .to("dify:chat?streamMode=events")
                .split(body())
                .streaming()
                .stopOnException()
                .setVariable("global:conversationId", simple("${body.conversationId}"))
                .bean(TokenPrinter.class, "print")
                .filter(body().isNotNull()) // the whole answer, at message_end
                .to("{{dify.example.output}}")
                .end()
                .end()
                .end();
    }
}
