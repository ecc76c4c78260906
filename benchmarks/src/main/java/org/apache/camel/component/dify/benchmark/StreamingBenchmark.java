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
package org.apache.camel.component.dify.benchmark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEventParser;
import org.apache.camel.component.dify.internal.protocol.sse.SseDecoder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Events per second into a route, through split ({@code streamMode=events}) and through the {@code dify:events}
 * consumer, against bare decoding (SSE decoder, event parser, typed event) of the same bytes. The stream is Dify's
 * chat wire format, rendered by the simulator on loopback. Prints a Markdown table for docs/performance.md.
 */
public final class StreamingBenchmark {

    private static final int EVENTS = Integer.getInteger("events", 200_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 5);

    private StreamingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        byte[] wire = renderWire(EVENTS);
        try (DifySimulator simulator = DifySimulator.start()) {
            SimulatedApp app = simulator.createApp(AppMode.CHAT).longStream(EVENTS);
            CamelContext camel = new DefaultCamelContext();
            DifyComponent dify = new DifyComponent();
            dify.getConfiguration().setBaseUrl(simulator.baseUrl());
            dify.getConfiguration().setApiKey(app.apiKey());
            camel.addComponent("dify", dify);
            AtomicLong splitCount = new AtomicLong();
            AtomicLong consumerCount = new AtomicLong();
            CountDownLatch[] consumerDone = {new CountDownLatch(1)};
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:split").to("dify:chat?streamMode=events")
                            .split(body())
                            .streaming()
                            .process(e -> splitCount.incrementAndGet())
                            .end();
                    from("direct:aggregate").to("dify:chat");
                    from("dify:events?eventQueueSize=10000").process(e -> {
                        if (consumerCount.incrementAndGet() == EVENTS + 1) {
                            consumerDone[0].countDown();
                        }
                    });
                }
            });
            camel.start();
            var template = camel.createProducerTemplate();

            List<Double> bare = new ArrayList<>();
            List<Double> split = new ArrayList<>();
            List<Double> consumer = new ArrayList<>();
            for (int round = 0; round <= ROUNDS; round++) { // round 0 warms up
                bare.add(rate(EVENTS + 1, () -> decodeBare(wire)));
                splitCount.set(0);
                split.add(rate(EVENTS + 1, () -> template.requestBody("direct:split", "go")));
                check(splitCount.get(), "split");
                consumerCount.set(0);
                consumerDone[0] = new CountDownLatch(1);
                consumer.add(rate(EVENTS + 1, () -> {
                    template.requestBody("direct:aggregate", "go");
                    await(consumerDone[0]);
                }));
            }
            camel.stop();
            System.out.println(table(bare.subList(1, bare.size()), split.subList(1, split.size()),
                    consumer.subList(1, consumer.size())));
        }
    }

    private static void check(long delivered, String path) {
        if (delivered != EVENTS + 1) {
            throw new IllegalStateException(path + " delivered " + delivered + " events, expected " + (EVENTS + 1));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("consumer did not receive every event");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same frames the simulator's long stream writes, for decoding without network or Camel. */
    private static byte[] renderWire(int deltas) {
        StringBuilder sb = new StringBuilder();
        String prefix = "data: {\"event\":\"message\",\"conversation_id\":\"c0f2a0b6-0000-4000-8000-000000000001\","
                + "\"message_id\":\"m0f2a0b6-0000-4000-8000-000000000002\",\"created_at\":1790000000,"
                + "\"task_id\":\"t0f2a0b6-0000-4000-8000-000000000003\","
                + "\"id\":\"m0f2a0b6-0000-4000-8000-000000000002\",\"answer\":\"";
        for (int i = 0; i < deltas; i++) {
            sb.append(prefix).append(" w").append(i).append("\",\"from_variable_selector\":null}\n\n");
        }
        sb.append("data: {\"event\":\"message_end\",\"id\":\"m0f2a0b6\",\"metadata\":{}}\n\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void decodeBare(byte[] wire) {
        ObjectMapper mapper = DifyJson.newMapper();
        DifyEventParser parser = new DifyEventParser(mapper);
        AtomicLong count = new AtomicLong();
        SseDecoder decoder = new SseDecoder(frame -> {
            DifyStreamEvent event = parser.parse(frame).typed(mapper);
            if (event != null) {
                count.incrementAndGet();
            }
        }, 1 << 20);
        for (int offset = 0; offset < wire.length; offset += 8192) {
            decoder.feed(wire, offset, Math.min(8192, wire.length - offset));
        }
        decoder.endOfInput();
        check(count.get(), "bare decoding");
    }

    private static double rate(int events, Runnable run) {
        long start = System.nanoTime();
        run.run();
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static String table(List<Double> bare, List<Double> split, List<Double> consumer) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d events per run, %d runs after one warm-up; events per second%n%n",
                EVENTS + 1, ROUNDS));
        sb.append("| path | median | min | max |\n|---|---|---|---|\n");
        row(sb, "bare decoding (SseDecoder + parser + typed event, in memory)", bare);
        row(sb, "split: dify:chat?streamMode=events + .split(body()).streaming()", split);
        row(sb, "consumer: from(\"dify:events\") while dify:chat aggregates", consumer);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, List<Double> rates) {
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        sb.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f |%n", name, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1)));
    }
}
