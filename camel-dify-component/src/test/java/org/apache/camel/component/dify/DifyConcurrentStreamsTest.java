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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many streams open at once through dify:chat all complete (aggregated, event by event and in batches), on the component's few threads: {@code dify.soak.streams}
 * of them (200 in every build, 1,000 with {@code -Psoak}). Every open stream has a watchdog task on the component's
 * timer, so the timer's queue must not be bounded by Camel's default thread pool profile (1,000 tasks, which failed
 * streams of a 1,000-stream run with "Task rejected due queue size limit reached"); the test sets the profile's limit
 * below the number of streams, as a user may. And a route reading events holds its thread while it waits for the next
 * one: more such routes than the completion executor has threads wait in its queue, never on the I/O thread.
 */
class DifyConcurrentStreamsTest {

    private static final int STREAMS = Integer.getInteger("dify.soak.streams", 200);

    @Test
    void everyStreamOpenAtOnceCompletesOnTheComponentsFewThreads() throws Exception {
        try (DifySimulator simulator = DifySimulator.start()) {
            // 40 deltas 25 ms apart: a stream lasts a second, so all are open together
            SimulatedApp app = simulator.createApp(AppMode.CHAT)
                    .answerWith(p -> "word ".repeat(39) + p.query())
                    .chunkWith(answer -> List.of(answer.split("(?<= )")))
                    .pacing(Duration.ofMillis(25));
            CamelContext context = new DefaultCamelContext();
            context.getExecutorServiceManager().getDefaultThreadPoolProfile().setMaxQueueSize(STREAMS / 2);
            DifyComponent dify = new DifyComponent();
            dify.getConfiguration().setBaseUrl(simulator.baseUrl());
            dify.getConfiguration().setApiKey(app.apiKey());
            context.addComponent("dify", dify);
            context.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:aggregate").to("dify:chat");
                    from("direct:events").to("dify:chat?delivery=events")
                            .split(body())
                            .streaming()
                            .process(e -> noteThread())
                            .end();
                    from("direct:batches").to("dify:chat?delivery=batches")
                            .split(body())
                            .streaming()
                            .process(e -> noteThread())
                            .end();
                }
            });
            context.start();
            try {
                ProducerTemplate template = context.createProducerTemplate();
                List<CompletableFuture<Exchange>> calls = new ArrayList<>();
                for (int i = 0; i < STREAMS; i++) {
                    String query = "q" + i;
                    String route = List.of("direct:aggregate", "direct:events", "direct:batches").get(i % 3);
                    calls.add(template.asyncSend(route, e -> e.getMessage().setBody(query)));
                }
                int peakDifyThreads = 0;
                List<String> failures = new ArrayList<>();
                for (int i = 0; i < STREAMS; i++) {
                    Exchange done = calls.get(i).get(2, TimeUnit.MINUTES);
                    peakDifyThreads = Math.max(peakDifyThreads, difyThreads());
                    if (done.getException() != null) {
                        failures.add(done.getException().getMessage());
                    } else if (i % 3 == 0) {
                        assertThat(done.getMessage().getBody(String.class)).endsWith(" q" + i);
                    }
                }
                assertThat(failures).as("streams failed").isEmpty();
                assertThat(routeThreads).as("threads that ran the events' routes").noneMatch(t -> t.contains("DifyIO"));
                // the HTTP client's two (its I/O reactor and the thread that starts it), the timer, the completion
                // executor's ten: none per stream
                assertThat(peakDifyThreads).isLessThanOrEqualTo(13);
            } finally {
                context.stop();
            }
        }
    }

    private final java.util.Set<String> routeThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    // the events' routes wait on their threads for the next event: more such routes than the completion executor
    // has threads must queue, never run on the I/O thread (where they stopped every connection of the component)
    private void noteThread() {
        routeThreads.add(Thread.currentThread().getName());
    }

    private static int difyThreads() {
        return (int) Thread.getAllStackTraces()
                .keySet()
                .stream()
                .filter(t -> t.getName().contains("Dify"))
                .count();
    }
}
