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

import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every way a call can fail ends in one DifyException on the exchange, and Camel's error handling sees it. */
class DifyErrorMappingTest extends DifyTestSupport {

    private static final SimulatedApp CHATBOT = simulator().createApp(AppMode.CHAT)
            .answer("one two three four five six");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:chat").to("dify:chat?apiKey=" + CHATBOT.apiKey());
                from("direct:idle").to("dify:chat?streamIdleTimeout=300&apiKey=" + CHATBOT.apiKey());
                from("direct:handled")
                        .onException(DifyException.class)
                        .handled(true)
                        .setBody(simple("failed: ${exception.code}"))
                        .to("mock:handled")
                        .end()
                        .to("dify:chat?apiKey=" + CHATBOT.apiKey());
            }
        };
    }

    @Test
    void aWrongKeyIs401WithTheKeyTypeHint() {
        Exchange exchange = send("direct:chat", "hi", DifyConstants.API_KEY, "app-not-a-real-key");

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error.getHttpStatus()).isEqualTo(401);
        assertThat(error.getCode()).isEqualTo("unauthorized");
        assertThat(error.getDifyMessage()).startsWith("Access token is invalid").contains("app API key");
        assertThat(error.isRetryable()).isFalse();
    }

    @Test
    void anUnknownConversationIs404() {
        Exchange exchange = send("direct:chat", "hi", DifyConstants.CONVERSATION_ID,
                "6f1c1c1e-0000-4000-8000-000000000001");

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error.getHttpStatus()).isEqualTo(404);
        assertThat(error.getCode()).isEqualTo("not_found");
    }

    @Test
    void anInStreamErrorEventFailsTheExchangeWithTheAnswerSoFar() {
        CHATBOT.failNext(new Fault.ErrorEvent(3, 400, "completion_request_error",
                "[openai] Rate Limit Error, Error code: 429"));

        Exchange exchange = send("direct:chat", "hi");

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("completion_request_error");
        assertThat(error.getDifyMessage()).isEqualTo("[openai] Rate Limit Error, Error code: 429");
        assertThat(error.getProgress().answer()).isEqualTo("one two three");
        assertThat(error.getProgress().conversationId()).isNotBlank();
        assertThat(error.getProgress().taskId()).isNotBlank();
    }

    @Test
    void aProxysHtml502GivesAClearMessage() {
        CHATBOT.failNext(Fault.badGateway());

        DifyException error = send("direct:chat", "hi").getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(502);
        assertThat(error.getMessage()).contains("HTTP 502")
                .contains("non-JSON response (text/html)")
                .contains("502 Bad Gateway")
                .doesNotContain("<html>");
        assertThat(error.isRetryable()).isTrue();
    }

    @Test
    void aStreamThatEndsWithoutItsTerminalEventFails() {
        CHATBOT.failNext(new Fault.EndStreamEarly(2));

        DifyException error = send("direct:chat", "hi").getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.STREAM_INCOMPLETE);
        assertThat(error.getMessage()).contains("ended before its terminal event");
        assertThat(error.getProgress().answer()).isEqualTo("one two");
    }

    @Test
    void aDroppedConnectionFailsWithTheAnswerSoFar() {
        CHATBOT.failNext(new Fault.DropConnection(4));

        DifyException error = send("direct:chat", "hi").getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.STREAM_INCOMPLETE);
        assertThat(error.getProgress().answer()).isEqualTo("one two three four");
    }

    @Test
    void aStreamThatOnlyPingsFailsAfterTheIdleTimeoutWithThePartialAnswer() {
        CHATBOT.failNext(new Fault.Stall(2, Duration.ofMillis(50)));

        DifyException error = send("direct:idle", "hi").getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.STREAM_IDLE_TIMEOUT);
        assertThat(error.getMessage()).contains("pings do not count");
        assertThat(error.getProgress().answer()).isEqualTo("one two");
        assertThat(error.getProgress().eventCount()).isEqualTo(2);
    }

    @Test
    void camelErrorHandlingSeesTheFailure() throws Exception {
        CHATBOT.failNext(Fault.json(400, "provider_not_initialize", "No valid model provider credentials found."));
        MockEndpoint handled = getMockEndpoint("mock:handled");
        handled.expectedBodiesReceived("failed: provider_not_initialize");

        send("direct:handled", "hi");

        handled.assertIsSatisfied();
    }
}
