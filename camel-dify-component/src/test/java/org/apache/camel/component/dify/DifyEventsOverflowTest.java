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
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bounded hand-off to dify:events consumers: a full queue makes the stream wait, or fail with policy fail. */
class DifyEventsOverflowTest extends DifyTestSupport {

    private static final int DELTAS = 2_000;
    private static final SimulatedApp LONG = simulator().createApp(AppMode.CHAT).longStream(DELTAS);

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // the consumer's route holds its first event until the test releases it
                from("dify:events?eventQueueSize=8&overflowPolicy=wait").routeId("waiting")
                        .autoStartup(false)
                        .process(e -> {
                            if (received.incrementAndGet() == 1) {
                                release.await(30, TimeUnit.SECONDS);
                            }
                        });
                from("dify:events?eventQueueSize=8&overflowPolicy=fail").routeId("failing")
                        .autoStartup(false)
                        .process(e -> {
                            if (received.incrementAndGet() == 1) {
                                release.await(30, TimeUnit.SECONDS);
                            }
                        });
                from("direct:chat").to("dify:chat?apiKey=" + LONG.apiKey());
            }
        };
    }

    @Test
    void aFullQueueMakesTheStreamWaitAndNothingIsLost() throws Exception {
        context.getRouteController().startRoute("waiting");
        var call = template.asyncSend("direct:chat", e -> e.getMessage().setBody("long"));

        // the stream cannot finish while the consumer holds its first event: it waits
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.get() == 1);
        assertThat(call.isDone()).isFalse();
        release.countDown();

        Exchange exchange = call.get(30, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isNull();
        await().atMost(10, TimeUnit.SECONDS).until(() -> received.get() == DELTAS + 1);
    }

    @Test
    void policyFailFailsTheStreamWhenTheQueueIsFull() throws Exception {
        context.getRouteController().startRoute("failing");

        Exchange exchange = template.send("direct:chat", e -> e.getMessage().setBody("long"));
        release.countDown();

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("consumer_overflow");
        assertThat(error.getMessage()).contains("queue of 8 events is full");
    }
}
