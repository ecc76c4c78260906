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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that closes idle keep-alive connections, as Dify's api container does (gunicorn, 2 s), loses no call:
 * rounds of concurrent chats with pauses around the server's keep-alive time all succeed, and the server sees each
 * question exactly once (a generation is never sent twice). The pauses between the rounds are the stimulus, not a
 * wait for anything: the client must never write a request into a connection the server is closing.
 */
class DifyIdleConnectionTest {

    private static final int ROUNDS = 10;
    private static final int CONCURRENT = 16;
    private static final Pattern QUERY = Pattern.compile("\"query\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "streaming"})
    void aServerClosingIdleConnectionsAfter300msLosesNoCallWithIdleConnectionTimeoutBelowIt(String mode)
            throws Exception {
        try (ScriptedServer server = ScriptedServer.start(this::answer, Duration.ofMillis(300))) {
            runRounds(server, mode, 200, 250, 340, Map.of());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "streaming"})
    void aServerAnnouncingKeepAliveTimeoutIsHonouredWithoutConfiguration(String mode) throws Exception {
        // the server keeps a connection 1 s and says so; the component's own limit (1.5 s) is longer
        try (ScriptedServer server = ScriptedServer.start(this::answer, Duration.ofSeconds(1))) {
            runRounds(server, mode, 0, 900, 1100, Map.of("Keep-Alive", "timeout=1"));
        }
    }

    private Map<String, String> announced = Map.of();

    private void runRounds(ScriptedServer server, String mode, long idleConnectionTimeout, int minPauseMillis,
            int maxPauseMillis, Map<String, String> keepAliveHeaders) throws Exception {
        announced = keepAliveHeaders;
        CamelContext context = new DefaultCamelContext();
        DifyComponent dify = new DifyComponent();
        dify.getConfiguration().setBaseUrl(server.baseUrl());
        dify.getConfiguration().setApiKey("app-idle");
        if (idleConnectionTimeout > 0) {
            dify.setIdleConnectionTimeout(idleConnectionTimeout);
        }
        context.addComponent("dify", dify);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:ask").to("dify:chat?maxRetries=0&responseMode=" + mode);
            }
        });
        context.start();
        try {
            ProducerTemplate template = context.createProducerTemplate();
            List<String> failures = new ArrayList<>();
            int spread = maxPauseMillis - minPauseMillis;
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<Exchange>> calls = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    String query = mode + "-" + round + "-" + i;
                    calls.add(template.asyncSend("direct:ask", e -> e.getMessage().setBody(query)));
                }
                for (CompletableFuture<Exchange> call : calls) {
                    Exchange done = call.get(60, TimeUnit.SECONDS);
                    if (done.getException() != null) {
                        failures.add(done.getException().getMessage());
                    } else {
                        assertThat(done.getMessage().getBody(String.class)).startsWith("answer to " + mode);
                    }
                }
                // spread over the server's keep-alive time, the same every run
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(minPauseMillis + (round * 37L) % (spread + 1)));
            }
            assertThat(failures).as("calls failed").isEmpty();
            assertThat(seen).hasSize(ROUNDS * CONCURRENT);
            assertThat(seen.values()).as("each question reached the server once").allMatch(n -> n.get() == 1);
            // the pauses outlast the client's keep-alive: connections were renewed, not reused past it (whether the
            // server or the client closed an old one first is up to the scheduler; before the fix, 3 to 9 of the
            // 160 calls failed here)
            assertThat(server.acceptedConnections()).isGreaterThan(CONCURRENT);
        } finally {
            context.stop();
        }
    }

    private void answer(ScriptedServer.Request request, ScriptedServer.Connection connection)
            throws java.io.IOException {
        Matcher query = QUERY.matcher(request.bodyText());
        String asked = query.find() ? query.group(1) : "?";
        seen.computeIfAbsent(asked, q -> new AtomicInteger()).incrementAndGet();
        String ids = "\"task_id\":\"t-" + asked + "\",\"message_id\":\"m-" + asked + "\",\"conversation_id\":\"c-1\"";
        if (request.bodyText().contains("\"blocking\"")) {
            connection.respond(200, "application/json", announced, ("{\"event\":\"message\"," + ids
                    + ",\"mode\":\"chat\",\"answer\":\"answer to " + asked + "\",\"metadata\":{},\"created_at\":1}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        connection.startEventStream(announced);
        connection.event("{\"event\":\"message\"," + ids + ",\"answer\":\"answer to " + asked + "\",\"created_at\":1}");
        connection.event("{\"event\":\"message_end\"," + ids + ",\"metadata\":{},\"created_at\":1}");
        connection.endStream();
    }
}
