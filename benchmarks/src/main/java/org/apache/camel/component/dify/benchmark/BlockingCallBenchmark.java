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

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code direct:} → {@code dify:chat?responseMode=blocking} alone against {@link BenchServer}, for A/B runs of two
 * builds of the component (put one or the other jar on the classpath) or of a setting: rounds of calls at a fixed
 * number in flight, each round's rate printed. System properties: {@code inFlight} (1), {@code ioThreads} (the
 * component's default), {@code rounds} (8), {@code calls} (15,000 per round).
 */
public final class BlockingCallBenchmark {

    private BlockingCallBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int inFlight = Integer.getInteger("inFlight", 1);
        int rounds = Integer.getInteger("rounds", 8);
        int calls = Integer.getInteger("calls", 15_000);
        CamelContext camel = new DefaultCamelContext();
        try (BenchServer.Forked server = BenchServer.Forked.start()) {
            DifyComponent dify = new DifyComponent();
            dify.getConfiguration().setBaseUrl(server.baseUrl());
            dify.getConfiguration().setApiKey("app-bench");
            if (Integer.getInteger("ioThreads") != null) {
                dify.setIoThreads(Integer.getInteger("ioThreads"));
            }
            camel.addComponent("dify", dify);
            camel.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:blocking").to("dify:chat?responseMode=blocking");
                }
            });
            camel.start();
            Endpoint start = camel.getEndpoint("direct:blocking");
            AsyncProducer producer = start.createAsyncProducer();
            producer.start();
            System.out.printf(Locale.ROOT, "%d in flight, ioThreads %d, %d calls per round%n", inFlight,
                    dify.getIoThreads(), calls);
            for (int round = 1; round <= rounds; round++) {
                Semaphore slots = new Semaphore(inFlight);
                CountDownLatch finished = new CountDownLatch(calls);
                long began = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    slots.acquire();
                    Exchange exchange = start.createExchange();
                    exchange.getMessage().setBody("q");
                    producer.process(exchange, doneSync -> {
                        if (exchange.getException() != null) {
                            exchange.getException().printStackTrace();
                        }
                        slots.release();
                        finished.countDown();
                    });
                }
                finished.await();
                long nanos = System.nanoTime() - began;
                System.out.printf(Locale.ROOT, "round %d: %,d calls/s, %.1f µs per call%n", round,
                        calls * 1_000_000_000L / nanos, nanos / 1000.0 / calls);
            }
        } finally {
            camel.stop();
        }
    }
}
