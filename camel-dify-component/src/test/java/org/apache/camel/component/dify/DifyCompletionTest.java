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
package org.apache.camel.component.dify;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DifyCompletionTest extends DifyTestSupport {

    private static final SimulatedApp WRITER = simulator().createApp(AppMode.COMPLETION)
            .answerWith(p -> "Translated '" + p.inputs().get("text") + "' to " + p.inputs().get("target"));
    private static final SimulatedApp CHATBOT = simulator().createApp(AppMode.CHAT);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:streaming").to("dify:completion?inputs.target=German&apiKey=" + WRITER.apiKey());
                from("direct:blocking").to("dify:completion?delivery=blocking&inputs.target=German&apiKey="
                        + WRITER.apiKey());
                from("direct:wrongApp").to("dify:completion?apiKey=" + CHATBOT.apiKey());
            }
        };
    }

    @Test
    void bothModesReturnTheGeneratedText() {
        for (String route : new String[]{"direct:streaming", "direct:blocking"}) {
            Exchange exchange = send(route, Map.of("text", "good morning"));

            assertThat(exchange.getException()).as(route).isNull();
            assertThat(exchange.getMessage().getBody(String.class)).as(route)
                    .isEqualTo("Translated 'good morning' to German");
            assertThat(exchange.getMessage().getHeader(DifyConstants.MESSAGE_ID, String.class)).isNotBlank();
            assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_TOKENS, Long.class)).isPositive();
            assertThat(exchange.getMessage().getHeader(DifyConstants.CONVERSATION_ID)).isNull();
        }
    }

    @Test
    void aChatAppAnswersAppUnavailableAsDifyDoes() {
        DifyException error = send("direct:wrongApp", Map.of()).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("app_unavailable");
    }
}
