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

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correlation with Dify: the trace and session ids a route sends (options traceId / traceSessionId, their headers, a
 * W3C traceparent on the message), and Dify's server version and trace id on every answer and every failure.
 */
class DifyTraceAndServerVersionTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answerWith(p -> "traced answer");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    // a Dify behind a gateway that names its own trace id in the answer
    private static final ScriptedServer GATEWAY = ScriptedServer.start((request, connection) -> connection.respond(
            200, "application/json", Map.of("X-Version", "1.17.1", "X-Trace-Id", "gateway-trace-7"),
            ("{\"event\":\"message\",\"task_id\":\"t\",\"id\":\"m\",\"message_id\":\"m\",\"conversation_id\":\"c\","
                    + "\"mode\":\"chat\",\"answer\":\"hi\",\"metadata\":{},\"created_at\":1}").getBytes()));

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    @BeforeEach
    void forgetRequests() {
        simulator().clearRequests();
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.bot.apiKey", BOT.apiKey());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String app = "user=u&apiKey=" + BOT.apiKey();
                from("direct:chat").to("dify:chat?" + app);
                from("direct:traced").to("dify:chat?traceId=order-4711&traceSessionId= session-9 &" + app);
                // the route of docs/features/tracing.md
                from("direct:askTraced")
                        .setHeader("CamelDifyTraceId", simple("order-${header.orderId}"))
                        .to("dify:chat?user=support&apiKey={{dify.bot.apiKey}}")
                        .log("answered by Dify ${header.CamelDifyServerVersion}, trace ${header.CamelDifyTraceId}");

                from("direct:gateway").to("dify:chat?user=u&apiKey=app-gateway&baseUrl=" + GATEWAY.baseUrl());
            }
        };
    }

    private static RecordedRequest onlyChatRequest() {
        List<RecordedRequest> chats = simulator().requests("POST", "/chat-messages");
        assertThat(chats).hasSize(1);
        return chats.get(0);
    }

    @Test
    void theOptionsSendTheTraceAndTrimmedSessionIdsAndTheAnswerCarriesThemWithTheVersion() {
        Exchange answered = send("direct:traced", "hello");

        assertThat(answered.getException()).isNull();
        RecordedRequest chat = onlyChatRequest();
        assertThat(chat.header("X-Trace-Id")).isEqualTo("order-4711");
        assertThat(chat.header("X-Trace-Session-Id")).isEqualTo("session-9");
        assertThat(answered.getMessage().getHeader(DifyConstants.TRACE_ID)).isEqualTo("order-4711");
        assertThat(answered.getMessage().getHeader(DifyConstants.SERVER_VERSION))
                .isEqualTo(DifySimulator.SERVER_VERSION);
    }

    @Test
    void theHeadersOverrideTheOptions() {
        send("direct:traced", "hello", DifyConstants.TRACE_ID, "from-header",
                DifyConstants.TRACE_SESSION_ID, "session-from-header");

        RecordedRequest chat = onlyChatRequest();
        assertThat(chat.header("X-Trace-Id")).isEqualTo("from-header");
        assertThat(chat.header("X-Trace-Session-Id")).isEqualTo("session-from-header");
    }

    @Test
    void theCurrentSpansTraceparentIsForwardedAndItsTraceIdReported() {
        Exchange answered = send("direct:chat", "hello", DifyConstants.TRACEPARENT, TRACEPARENT);

        RecordedRequest chat = onlyChatRequest();
        assertThat(chat.header("traceparent")).isEqualTo(TRACEPARENT);
        assertThat(chat.header("X-Trace-Id")).isNull();
        assertThat(answered.getMessage().getHeader(DifyConstants.TRACE_ID))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMalformedTraceparentIsNotForwarded() {
        Exchange answered = send("direct:chat", "hello", DifyConstants.TRACEPARENT, "not-a-traceparent");

        assertThat(answered.getException()).isNull();
        assertThat(onlyChatRequest().header("traceparent")).isNull();
        assertThat(answered.getMessage().getHeader(DifyConstants.TRACE_ID)).isNull();
    }

    @Test
    void withoutATraceOnlyTheVersionIsReported() {
        Exchange answered = send("direct:chat", "hello");

        RecordedRequest chat = onlyChatRequest();
        assertThat(chat.header("X-Trace-Id")).isNull();
        assertThat(chat.header("X-Trace-Session-Id")).isNull();
        assertThat(answered.getMessage().getHeader(DifyConstants.TRACE_ID)).isNull();
        assertThat(answered.getMessage().getHeader(DifyConstants.SERVER_VERSION))
                .isEqualTo(DifySimulator.SERVER_VERSION);
    }

    @Test
    void aTraceIdDifyWouldIgnoreIsRefusedBeforeAnyCall() {
        Exchange refused = send("direct:chat", "hello", DifyConstants.TRACE_ID, "has spaces/and slashes");

        assertThat(refused.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DifyConstants.TRACE_ID)
                .hasMessageContaining("option traceId")
                .hasMessageContaining("A-Z, a-z, 0-9, _ and -");
        assertThat(simulator().requests("POST", "/chat-messages")).isEmpty();

        Exchange tooLong = send("direct:chat", "hello", DifyConstants.TRACE_ID, "x".repeat(129));
        assertThat(tooLong.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(simulator().requests("POST", "/chat-messages")).isEmpty();
    }

    @Test
    void aSessionIdDifyWouldRefuseIsRefusedBeforeAnyCall() {
        Exchange blank = send("direct:chat", "hello", DifyConstants.TRACE_SESSION_ID, "   ");
        Exchange tooLong = send("direct:chat", "hello", DifyConstants.TRACE_SESSION_ID, "s".repeat(201));

        assertThat(blank.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DifyConstants.TRACE_SESSION_ID)
                .hasMessageContaining("option traceSessionId")
                .hasMessageContaining("1 to 200 characters");
        assertThat(tooLong.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("it has 201");
        assertThat(simulator().requests("POST", "/chat-messages")).isEmpty();
    }

    @Test
    void aFailureCarriesTheServerVersionAndTraceId() {
        Exchange failed = send("direct:traced", "hello", DifyConstants.CONVERSATION_ID,
                "7d3c5e2a-0000-4000-8000-000000000000");

        assertThat(failed.getException()).isInstanceOf(DifyException.class);
        DifyException error = (DifyException) failed.getException();
        assertThat(error.getHttpStatus()).isEqualTo(404);
        assertThat(error.getServerVersion()).isEqualTo(DifySimulator.SERVER_VERSION);
        assertThat(error.getTraceId()).isEqualTo("order-4711");
        assertThat(error.getMessage())
                .endsWith("[Dify " + DifySimulator.SERVER_VERSION + ", trace id order-4711]");
        assertThat(failed.getMessage().getHeader(DifyConstants.SERVER_VERSION))
                .isEqualTo(DifySimulator.SERVER_VERSION);
        assertThat(failed.getMessage().getHeader(DifyConstants.TRACE_ID)).isEqualTo("order-4711");
    }

    @Test
    void theTraceIdDifysAnswerNamesWins() {
        Exchange answered = send("direct:gateway", "hello", DifyConstants.TRACE_ID, "sent-trace");

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(DifyConstants.TRACE_ID)).isEqualTo("gateway-trace-7");
        assertThat(answered.getMessage().getHeader(DifyConstants.SERVER_VERSION)).isEqualTo("1.17.1");
    }

    @Test
    void thePagesRouteSendsTheOrderAsTraceId() {
        Exchange answered = send("direct:askTraced", "Where is my parcel?", "orderId", "4711");

        assertThat(onlyChatRequest().header("X-Trace-Id")).isEqualTo("order-4711");
        assertThat(answered.getMessage().getHeader(DifyConstants.TRACE_ID)).isEqualTo("order-4711");
        assertThat(answered.getMessage().getHeader(DifyConstants.SERVER_VERSION))
                .isEqualTo(DifySimulator.SERVER_VERSION);
        DocPage.assertSnippetsRunBy("features/tracing.md", DifyTraceAndServerVersionTest.class, 1);
    }
}
