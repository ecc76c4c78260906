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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault matrix: what a route sees for each way a server or the network can fail, through a real route against a
 * server that writes exactly the failure ({@link ScriptedServer}). Each case names its outcome (category, code,
 * status, how many requests reached the server, the partial answer) and after each one no connection is left in use
 * and the server holds no connection the client's pool does not.
 */
class DifyFaultMatrixTest extends CamelTestSupport {

    /** The scenario of a request is its API key: app-&lt;scenario&gt;. */
    private static final Map<String, ScriptedServer.Script> SCENARIOS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static final ScriptedServer SERVER = ScriptedServer.start((request, connection) -> {
        String scenario = request.headers().getOrDefault("authorization", "").replace("Bearer app-", "");
        REQUESTS.computeIfAbsent(scenario, s -> new AtomicInteger()).incrementAndGet();
        SCENARIOS.getOrDefault(scenario, (r, c) -> c.json(404, "{\"code\":\"not_found\",\"message\":\"?\"}"))
                .answer(request, connection);
    });
    private static final String ANSWER_START = "{\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"answer\":\"Hel\"}";
    private static final String MESSAGE_END = "{\"event\":\"message_end\",\"task_id\":\"t1\",\"message_id\":\"m1\","
            + "\"conversation_id\":\"c1\",\"metadata\":{}}";

    static {
        json("rateLimited", 429, "{\"code\":\"too_many_requests\",\"message\":\"Too many requests\",\"status\":429}");
        SCENARIOS.put("gateway429", (r, c) -> c.respond(429, "text/html", Map.of(),
                "<html><body>429 Too Many Requests</body></html>".getBytes(StandardCharsets.UTF_8)));
        json("quota", 429, "{\"code\":\"rate_limit_error\",\"message\":\"Workflow execution quota limit reached\","
                + "\"status\":429}");
        json("concurrency400", 400, "{\"code\":\"invalid_param\",\"message\":\"Too many requests. Please try again"
                + " later.\",\"status\":400}");
        SCENARIOS.put("retryAfterZero", (r, c) -> c.respond(503, "application/json", Map.of("Retry-After", "0"),
                "{\"code\":\"unavailable\",\"message\":\"busy\",\"status\":503}".getBytes(StandardCharsets.UTF_8)));
        SCENARIOS.put("retryAfterHour", (r, c) -> c.respond(503, "application/json", Map.of("Retry-After", "3600"),
                "{\"code\":\"unavailable\",\"message\":\"maintenance\",\"status\":503}"
                        .getBytes(StandardCharsets.UTF_8)));
        json("internal500", 500, "{\"code\":\"internal_server_error\",\"message\":\"boom\",\"status\":500}");
        SCENARIOS.put("gatewayHtml502", (r, c) -> c.respond(502, "text/html", Map.of(),
                "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
                        .getBytes(StandardCharsets.UTF_8)));
        json("gateway504", 504, "{\"message\":\"upstream timed out\"}");
        json("unauthorized", 401, "{\"code\":\"unauthorized\",\"message\":\"Access token is invalid\",\"status\":401}");
        json("forbidden", 403, "{\"code\":\"forbidden\",\"message\":\"no\",\"status\":403}");
        // Dify Cloud's knowledge limits are 403 forbidden, told apart by their message
        json("knowledgeRateLimit", 403, "{\"code\":\"forbidden\",\"message\":\"Sorry, you have reached the knowledge"
                + " base request rate limit of your subscription.\",\"status\":403}");
        json("knowledgePlanLimit", 403, "{\"code\":\"forbidden\",\"message\":\"The number of documents has reached"
                + " the limit of your subscription.\",\"status\":403}");
        json("notFound", 404, "{\"code\":\"not_found\",\"message\":\"Conversation Not Exists.\",\"status\":404}");
        json("invalidParam", 400, "{\"code\":\"invalid_param\",\"message\":\"query is required\",\"status\":400}");
        json("tooLarge", 413, "{\"code\":\"file_too_large\",\"message\":\"\",\"status\":413}");
        json("unsupportedType", 415, "{\"code\":\"unsupported_file_type\",\"message\":\"File type not allowed.\","
                + "\"status\":415}");
        json("providerQuota", 400, "{\"code\":\"provider_quota_exceeded\",\"message\":\"quota\",\"status\":400}");
        json("providerError", 400, "{\"code\":\"completion_request_error\",\"message\":\"model failed\","
                + "\"status\":400}");
        json("appUnavailable", 400, "{\"code\":\"app_unavailable\",\"message\":\"App unavailable\",\"status\":400}");
        SCENARIOS.put("redirect", (r, c) -> c.respond(302, null, Map.of("Location", "http://127.0.0.1:1/v1/info"),
                new byte[0]));
        SCENARIOS.put("html200", (r, c) -> c.respond(200, "text/html", Map.of(),
                "<html>captive portal</html>".getBytes(StandardCharsets.UTF_8)));
        SCENARIOS.put("gzipJson", (r, c) -> c.respond(200, "application/json", Map.of("Content-Encoding", "gzip"),
                gzip("{\"name\":\"Support bot\",\"mode\":\"chat\"}")));
        SCENARIOS.put("gzipError", (r, c) -> c.respond(400, "application/json", Map.of("Content-Encoding", "gzip"),
                gzip("{\"code\":\"invalid_param\",\"message\":\"bad\",\"status\":400}")));
        SCENARIOS.put("resetBeforeHeaders", (r, c) -> c.reset());
        SCENARIOS.put("closeBeforeHeaders", (r, c) -> c.close());
        SCENARIOS.put("garbageStatusLine", (r, c) -> {
            c.raw("NOT-HTTP garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            c.close();
        });
        SCENARIOS.put("errorEvent", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.event("{\"event\":\"error\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"status\":400,"
                    + "\"code\":\"completion_request_error\",\"message\":\"rate limited by the provider\"}");
            c.endStream();
        });
        SCENARIOS.put("noTerminal", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.endStream();
        });
        SCENARIOS.put("resetMidStream", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.reset();
        });
        SCENARIOS.put("stallWithPings", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.pingUntilClosed(Duration.ofMillis(50));
        });
        SCENARIOS.put("oversizedFrame", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.event("{\"event\":\"message\",\"answer\":\"" + "x".repeat(64 * 1024) + "\"}");
            c.event(MESSAGE_END);
            c.endStream();
        });
        SCENARIOS.put("malformedFrame", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.chunk("data: {not json\n\n");
            c.event(MESSAGE_END);
            c.endStream();
        });
        SCENARIOS.put("invalidUtf8", (r, c) -> {
            c.startEventStream();
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.writeBytes(("data: {\"event\":\"message\",\"task_id\":\"t1\",\"message_id\":\"m1\",\"answer\":\"a")
                    .getBytes(StandardCharsets.UTF_8));
            frame.write(0xC3); // a lone lead byte
            frame.writeBytes("b\"}\n\n".getBytes(StandardCharsets.UTF_8));
            c.chunk(frame.toByteArray());
            c.event(MESSAGE_END);
            c.endStream();
        });
        SCENARIOS.put("duplicateTerminal", (r, c) -> {
            c.startEventStream();
            c.event(ANSWER_START);
            c.event(MESSAGE_END);
            c.event(MESSAGE_END);
            c.endStream();
        });
        SCENARIOS.put("workflowFailed", (r, c) -> {
            c.startEventStream();
            c.event("{\"event\":\"workflow_started\",\"task_id\":\"t2\",\"workflow_run_id\":\"w1\",\"data\":{}}");
            c.event("{\"event\":\"workflow_finished\",\"task_id\":\"t2\",\"workflow_run_id\":\"w1\",\"data\":"
                    + "{\"id\":\"w1\",\"status\":\"failed\",\"error\":\"node llm failed\",\"outputs\":null}}");
            c.endStream();
        });
        SCENARIOS.put("gzipStream", (r, c) -> {
            // a gateway that compresses the stream, flushing after each event
            c.raw(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Encoding: gzip\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, true)) {
                for (String event : new String[]{ANSWER_START, MESSAGE_END}) {
                    gzip.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                    gzip.flush();
                    c.chunk(compressed.toByteArray());
                    compressed.reset();
                }
            }
            c.chunk(compressed.toByteArray());
            c.raw("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        });
        SCENARIOS.put("noAnswer", (r, c) -> c.pause(Duration.ofSeconds(5)));
    }

    private static final int REFUSED_PORT = ScriptedServer.unusedPort();

    private record Case(String name, String operation, String options, String category, String code, int status,
            int requests, String partialAnswer) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // rate limits: retried where safe
                new Case("rateLimited", "getAppInfo", "", "rate_limit", "too_many_requests", 429, 3, null),
                new Case("rateLimited", "chat", "", "rate_limit", "too_many_requests", 429, 1, null),
                new Case("gateway429", "getAppInfo", "", "rate_limit", null, 429, 3, null),
                new Case("concurrency400", "chat", "", "rate_limit", "invalid_param", 400, 1, null),
                new Case("concurrency400", "chat", "&retryGenerations=true", "rate_limit", "invalid_param", 400, 3,
                        null),
                new Case("quota", "chat", "&retryGenerations=true", "quota", "rate_limit_error", 429, 1, null),
                new Case("retryAfterZero", "getAppInfo", "", "server", "unavailable", 503, 3, null),
                new Case("retryAfterHour", "getAppInfo", "", "server", "unavailable", 503, 1, null),
                new Case("retryAfterZero", "createAnnotation", "", "server", "unavailable", 503, 1, null),
                // servers and gateways
                new Case("internal500", "getAppInfo", "", "server", "internal_server_error", 500, 1, null),
                new Case("gatewayHtml502", "chat", "", "server", null, 502, 1, null),
                new Case("gatewayHtml502", "getAppInfo", "&maxRetries=1", "server", null, 502, 2, null),
                new Case("gateway504", "getAppInfo", "&maxRetries=0", "server", null, 504, 1, null),
                new Case("redirect", "getAppInfo", "", "server", null, 302, 1, null),
                new Case("html200", "getAppInfo", "", "server", "invalid_response", 200, 1, null),
                // the request's fault: never retried
                new Case("unauthorized", "getAppInfo", "", "auth", "unauthorized", 401, 1, null),
                new Case("forbidden", "getAppInfo", "", "auth", "forbidden", 403, 1, null),
                new Case("knowledgeRateLimit", "getAppInfo", "", "rate_limit", "forbidden", 403, 3, null),
                new Case("knowledgePlanLimit", "getAppInfo", "", "quota", "forbidden", 403, 1, null),
                new Case("notFound", "getAppInfo", "", "not_found", "not_found", 404, 1, null),
                new Case("invalidParam", "chat", "", "validation", "invalid_param", 400, 1, null),
                new Case("appUnavailable", "chat", "", "validation", "app_unavailable", 400, 1, null),
                new Case("tooLarge", "getAppInfo", "", "content", "file_too_large", 413, 1, null),
                new Case("unsupportedType", "getAppInfo", "", "content", "unsupported_file_type", 415, 1, null),
                new Case("providerQuota", "chat", "", "quota", "provider_quota_exceeded", 400, 1, null),
                new Case("providerError", "chat", "", "provider", "completion_request_error", 400, 1, null),
                new Case("gzipError", "getAppInfo", "", "validation", "invalid_param", 400, 1, null),
                // the network
                new Case("resetBeforeHeaders", "chat", "", "network_after_send", "connection_failed", 0, 1, null),
                new Case("resetBeforeHeaders", "getAppInfo", "", "network_after_send", "connection_failed", 0, 3,
                        null),
                new Case("closeBeforeHeaders", "getAppInfo", "&maxRetries=0", "network_after_send",
                        "connection_failed", 0, 1, null),
                new Case("garbageStatusLine", "chat", "", "network_after_send", "invalid_response", 0, 1, null),
                new Case("refused", "chat", "&retryGenerations=true", "network_not_sent", "connection_failed", 0, 0,
                        null),
                new Case("noAnswer", "getAppInfo", "&requestTimeout=200", "timeout", "timeout", 0, 1, null),
                // streams
                new Case("errorEvent", "chat", "&retryGenerations=true", "provider", "completion_request_error", 400,
                        1, "Hel"),
                new Case("noTerminal", "chat", "", "network_after_send", "stream_incomplete", 200, 1, "Hel"),
                // a reset may discard what the client had not read yet: no partial answer to assert
                new Case("resetMidStream", "chat", "&retryGenerations=true", "network_after_send",
                        "stream_incomplete", 200, 1, null),
                new Case("stallWithPings", "chat", "&streamIdleTimeout=300", "timeout", "stream_idle_timeout", 200, 1,
                        "Hel"),
                new Case("oversizedFrame", "chat", "&maxFrameSize=1024", "server", "invalid_response", 200, 1,
                        "Hel"),
                new Case("workflowFailed", "workflowRun", "", "provider", "workflow_failed", 200, 1, null));
    }

    /** Cases that succeed: what a tolerant client makes of an odd but usable answer. */
    static Stream<Object[]> tolerated() {
        return Stream.of(
                new Object[]{"malformedFrame", "chat", "Hel"},
                new Object[]{"invalidUtf8", "chat", "a\uFFFDb"},
                new Object[]{"duplicateTerminal", "chat", "Hel"},
                new Object[]{"gzipStream", "chat", "Hel"},
                new Object[]{"gzipJson", "getAppInfo", "{name=Support bot, mode=chat}"});
    }

    @AfterAll
    static void noThreadOrConnectionOutlivesTheContexts() {
        try {
            // every case's context is stopped by now: its I/O threads end and its sockets close
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().contains("DifyIO"));
                assertThat(SERVER.openConnections()).isZero();
            });
        } finally {
            SERVER.close();
        }
    }

    @AfterEach
    void nothingLeftInUse() throws Exception {
        DifyComponent component = context.getComponent("dify", DifyComponent.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(component.transportFor(null).leasedConnections()).isZero());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:call").toD("dify:${header.op}?baseUrl=${header.base}&user=u&retryBackoff=1"
                        + "&retryMaxDelay=1000${header.options}");
            }
        };
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void eachFaultHasItsDefinedOutcome(Case c) {
        REQUESTS.remove(c.name());
        Exchange exchange = call(c.name(), c.operation(), c.options(),
                c.name().equals("refused") ? "http://127.0.0.1:" + REFUSED_PORT + "/v1" : SERVER.baseUrl());

        assertThat(exchange.getException()).as(c.name()).isInstanceOf(DifyException.class);
        DifyException failure = exchange.getException(DifyException.class);
        assertThat(failure.getCategory().value()).as("category").isEqualTo(c.category());
        assertThat(exchange.getMessage().getHeader(DifyConstants.ERROR_CATEGORY)).isEqualTo(c.category());
        assertThat(failure.getCode()).as("code").isEqualTo(c.code());
        assertThat(failure.getHttpStatus()).as("status").isEqualTo(c.status());
        assertThat(REQUESTS.getOrDefault(c.name(), new AtomicInteger()).get()).as("requests that reached the server")
                .isEqualTo(c.requests());
        assertThat(failure.mayHaveReachedDify()).as("may have reached Dify")
                .isEqualTo(!c.category().equals("network_not_sent"));
        if (c.partialAnswer() != null) {
            assertThat(failure.getProgress().answer()).isEqualTo(c.partialAnswer());
            assertThat(failure.getProgress().taskId()).isNotNull();
        }
        assertThat(exchange.getProperty(DifyConstants.AI_ERROR_CATEGORY)).as("Camel AI category")
                .isEqualTo(failure.getCategory().aiCategory());
        if (c.name().equals("retryAfterHour")) {
            assertThat(exchange.getMessage().getHeader(DifyConstants.RETRY_AFTER)).isEqualTo(3_600_000L);
            assertThat(exchange.getProperty(DifyConstants.AI_RETRY_AFTER_MILLIS)).isEqualTo(3_600_000L);
        }
        if (c.category().equals("rate_limit")) {
            assertThat(exchange.getProperty(DifyConstants.AI_ERROR_CATEGORY)).isEqualTo("RATE_LIMIT");
        }
        assertThat(failure.getMessage()).doesNotContain("app-" + c.name());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("tolerated")
    void oddButUsableAnswersSucceed(String scenario, String operation, String expected) {
        Exchange exchange = call(scenario, operation, "", SERVER.baseUrl());

        assertThat(exchange.getException()).as(scenario).isNull();
        assertThat(String.valueOf(exchange.getMessage().getBody())).isEqualTo(expected);
    }

    private Exchange call(String scenario, String operation, String options, String baseUrl) {
        return template.send("direct:call", e -> {
            e.getMessage().setHeader("op", operation);
            e.getMessage().setHeader("base", baseUrl);
            e.getMessage().setHeader("options", options);
            e.getMessage().setHeader(DifyConstants.API_KEY, "app-" + scenario);
            e.getMessage().setBody(operation.equals("chat") ? "Hello" : Map.of("question", "q", "answer", "a"));
        });
    }

    private static void json(String scenario, int status, String body) {
        SCENARIOS.put(scenario, (r, c) -> c.json(status, body));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

}
