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

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100,000-event stream through a split whose route is, for a stretch, much slower than the (loopback) server:
 * reading follows the route's pace and nothing accumulates per event, so the heap stays flat however long the stream
 * (asserted on heap use, not on time).
 */
class DifyLongStreamTest extends DifyTestSupport {

    private static final int DELTAS = 100_000;
    private static final SimulatedApp LONG = simulator().createApp(AppMode.CHAT).longStream(DELTAS);

    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong heapAt10k = new AtomicLong();
    private final AtomicLong heapAt11k = new AtomicLong();
    private final AtomicLong heapAt90k = new AtomicLong();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:long").to("dify:chat?delivery=events&apiKey=" + LONG.apiKey())
                        .split(body())
                        .streaming()
                        .process(e -> {
                            int n = count.incrementAndGet();
                            // from event 10,000 on the route is much slower than the server for a while: a
                            // reader without backpressure would pile up the rest of the stream meanwhile
                            work(e.getMessage().getBody(DifyStreamEvent.class), n > 10_000 && n <= 11_000
                                    ? 3000
                                    : 5);
                            if (n == 10_000) {
                                heapAt10k.set(usedHeapAfterGc());
                            } else if (n == 11_000) {
                                heapAt11k.set(usedHeapAfterGc());
                            } else if (n == 90_000) {
                                heapAt90k.set(usedHeapAfterGc());
                            }
                        })
                        .end();
            }
        };
    }

    // hashing stands in for real per-event work
    private static void work(DifyStreamEvent event, int rounds) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] data = event.getRawJson().getBytes();
        for (int i = 0; i < rounds; i++) {
            data = digest.digest(data);
        }
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    @Test
    void heapStaysFlatThroughAHundredThousandEvents() {
        Exchange exchange = send("direct:long", "stream a lot");

        assertThat(exchange.getException()).isNull();
        assertThat(count.get()).isEqualTo(DELTAS + 1); // the deltas and message_end
        // an unbounded buffer would hold tens of megabytes of the events still to come after the slow stretch
        assertThat(heapAt11k.get() - heapAt10k.get()).as("heap growth over the slow stretch")
                .isLessThan(8L * 1024 * 1024);
        // 80,000 events went through in between; retaining anything per event would show as megabytes
        assertThat(heapAt90k.get() - heapAt10k.get()).as("heap growth between event 10,000 and 90,000")
                .isLessThan(8L * 1024 * 1024);
    }
}
