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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP client belongs to the component: endpoints with different settings share one connection pool and I/O
 * reactor, a dify:events consumer starts none, a call waits for a pooled connection no longer than
 * connectionRequestTimeout, and stopping the component closes it with the connections of streams still running.
 */
class DifyTransportSharingTest {

    private static final DifySimulator SIMULATOR = DifySimulator.start();
    private static final SimulatedApp APP = SIMULATOR.createApp(AppMode.CHAT).answer("shared");
    private static final SimulatedApp LONG = SIMULATOR.createApp(AppMode.CHAT).longStream(20_000);

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    @Test
    void endpointsWithDifferentTimeoutsShareOneClientThatStopsWithTheComponent() throws Exception {
        CamelContext context = newContext();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:a").to("dify:chat?requestTimeout=60000&apiKey=" + APP.apiKey());
                from("direct:b").to("dify:chat?requestTimeout=30000&streamIdleTimeout=5000&apiKey=" + APP.apiKey());
                from("direct:c").to("dify:getAppInfo?connectTimeout=2000&apiKey=" + APP.apiKey());
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        assertThat(template.send("direct:a", e -> e.getMessage().setBody("hi")).getException()).isNull();
        long oneClient = ioThreads(context);
        assertThat(oneClient).isPositive();

        for (String route : new String[]{"direct:b", "direct:c"}) {
            Exchange exchange = template.send(route, e -> e.getMessage().setBody("hi"));
            assertThat(exchange.getException()).as(route).isNull();
        }
        // one client for the component, not one per endpoint
        assertThat(ioThreads(context)).isEqualTo(oneClient);

        context.stop();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ioThreads(context) == 0);
    }

    @Test
    void anEventsConsumerStartsNoHttpClient() throws Exception {
        CamelContext context = newContext();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:events").to("log:events");
            }
        });
        context.start();

        assertThat(ioThreads(context)).isZero();
        context.stop();
    }

    @Test
    void aCallWaitingForAPooledConnectionFailsAfterConnectionRequestTimeoutNamingTheLimit() throws Exception {
        CamelContext context = newContext();
        ((DifyComponent) context.getComponent("dify")).setMaxConnections(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean holding = new AtomicBoolean();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                // the split holds its first event, so its stream keeps the pool's only connection
                from("direct:hold").to("dify:chat?delivery=events&apiKey=" + LONG.apiKey())
                        .split(body())
                        .streaming()
                        .process(e -> {
                            holding.set(true);
                            release.await(30, TimeUnit.SECONDS);
                        })
                        .end();
                from("direct:info").to("dify:getAppInfo?connectionRequestTimeout=200&apiKey=" + APP.apiKey());
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        CompletableFuture<Exchange> held = template.asyncSend("direct:hold", e -> e.getMessage().setBody("go"));
        await().atMost(10, TimeUnit.SECONDS).untilTrue(holding);

        Exchange waiting = template.asyncSend("direct:info", e -> e.getMessage().setBody(null))
                .get(30, TimeUnit.SECONDS);

        DifyException error = waiting.getException(DifyException.class);
        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo(DifyException.TIMEOUT);
        assertThat(error.getMessage()).contains("connectionRequestTimeout")
                .contains("maxConnections")
                .contains("nothing was sent");
        release.countDown();
        assertThat(held.get(30, TimeUnit.SECONDS).getException()).isNull();
        context.stop();
    }

    @Test
    void stoppingTheContextClosesTheConnectionsOfStreamsStillRunning() throws Exception {
        try (ScriptedServer wire = ScriptedServer.start((request, connection) -> {
            connection.startEventStream();
            connection.event("{\"event\":\"message\",\"task_id\":\"t\",\"answer\":\"partial\"}");
            connection.pingUntilClosed(Duration.ofMillis(20));
        })) {
            CamelContext context = newContext();
            context.getShutdownStrategy().setTimeout(1);
            context.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:stream").to("dify:chat?baseUrl=" + wire.baseUrl() + "&apiKey=app-wire");
                }
            });
            context.start();
            for (int i = 0; i < 3; i++) {
                context.createProducerTemplate().asyncSend("direct:stream", e -> e.getMessage().setBody("go"));
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> wire.openConnections() == 3);

            context.stop();

            await().atMost(15, TimeUnit.SECONDS).until(() -> wire.openConnections() == 0);
        }
    }

    private static CamelContext newContext() {
        CamelContext context = new DefaultCamelContext();
        DifyComponent dify = new DifyComponent();
        dify.getConfiguration().setBaseUrl(SIMULATOR.baseUrl());
        context.addComponent("dify", dify);
        return context;
    }

    // threads made by Camel carry the context's name; HttpClient's own would not, and must not exist
    private static long ioThreads(CamelContext context) {
        return Thread.getAllStackTraces()
                .keySet()
                .stream()
                .filter(thread -> thread.isAlive() && thread.getName().contains("(" + context.getName() + ")")
                        && thread.getName().contains("DifyIO"))
                .count();
    }
}
