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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dify:events consumer follows Camel's lifecycle: stopping its route delivers what is queued, nothing is lost. */
class DifyEventsConsumerLifecycleTest extends DifyTestSupport {

    private static final int DELTAS = 200;
    private static final SimulatedApp APP = simulator().createApp(AppMode.CHAT).longStream(DELTAS);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger delivered = new AtomicInteger();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:events?eventQueueSize=1000").routeId("listener").process(e -> {
                    if (delivered.incrementAndGet() == 1) {
                        release.await(30, TimeUnit.SECONDS);
                    }
                });
                from("direct:chat").to("dify:chat?apiKey=" + APP.apiKey());
            }
        };
    }

    @Test
    void stoppingTheRouteDeliversTheEventsAlreadyQueued() throws Exception {
        // the whole stream is queued while the route holds its first event
        Exchange chat = send("direct:chat", "go");
        assertThat(chat.getException()).isNull();
        await().atMost(10, TimeUnit.SECONDS).until(() -> delivered.get() == 1);

        Thread stopper = new Thread(() -> {
            try {
                context.getRouteController().stopRoute("listener", 30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        stopper.start();
        release.countDown();
        stopper.join(60_000);

        assertThat(delivered.get()).isEqualTo(DELTAS + 1);
    }
}
