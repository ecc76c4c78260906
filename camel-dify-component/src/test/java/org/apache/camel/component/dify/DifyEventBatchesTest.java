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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.apache.camel.component.dify.StreamScripts.message;
import static org.apache.camel.component.dify.StreamScripts.messageEnd;
import static org.apache.camel.component.dify.StreamScripts.pausingAfterFirstEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code delivery=batches} through routes: each split step gets a List of the events that had arrived, in order,
 * at most eventBufferSize of them; a lone event is handed over without waiting for a second; a failure comes after
 * the events before it; reasoning is separated as in events mode.
 */
class DifyEventBatchesTest extends DifyTestSupport {

    private static final AtomicReference<ScriptedServer.Script> SCRIPT = new AtomicReference<>();
    private static final ScriptedServer WIRE = ScriptedServer.start((request, connection) -> SCRIPT.get()
            .answer(request, connection));

    private final List<List<DifyStreamEvent>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchSeen = new CountDownLatch(1);

    @AfterAll
    static void stopWire() {
        WIRE.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String wire = "baseUrl=" + WIRE.baseUrl() + "&apiKey=app-wire";
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:batches").to("dify:chat?delivery=batches&eventBufferSize=16&" + wire)
                        .split(body())
                        .streaming()
                        .process(e -> {
                            batches.add(e.getMessage().getBody(List.class));
                            firstBatchSeen.countDown();
                        })
                        .end();
                from("direct:reasoning").to("dify:chat?delivery=batches&separateReasoning=true&" + wire)
                        .split(body())
                        .streaming()
                        .process(e -> batches.add(e.getMessage().getBody(List.class)))
                        .end();
                from("direct:blocking").to("dify:chat?streamMode=batches&responseMode=blocking&" + wire);
            }
        };
    }

    private List<DifyStreamEvent> flattened() {
        return batches.stream().flatMap(List::stream).toList();
    }

    private List<String> answers() {
        return flattened().stream()
                .filter(MessageEvent.class::isInstance)
                .map(e -> ((MessageEvent) e).getAnswer())
                .toList();
    }

    @Test
    void eventsWrittenAtOnceArriveInOrderInFewerListsOfAtMostEventBufferSize() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                all.append("data: ").append(message("w" + i)).append("\n\n");
            }
            connection.chunk(all.toString()); // one write: the client reads it in a few network reads
            connection.event(messageEnd());
            connection.endStream();
        });

        Exchange exchange = send("direct:batches", "hi");

        assertThat(exchange.getException()).isNull();
        assertThat(answers()).hasSize(500).startsWith("w0", "w1").endsWith("w499");
        assertThat(answers()).isEqualTo(java.util.stream.IntStream.range(0, 500).mapToObj(i -> "w" + i).toList());
        assertThat(flattened().get(flattened().size() - 1).getEvent()).isEqualTo("message_end");
        assertThat(batches).as("lists").hasSizeLessThan(501).allMatch(b -> !b.isEmpty() && b.size() <= 16);
    }

    @Test
    void aLoneEventIsHandedOverWithoutWaitingForASecond() {
        AtomicBoolean heldBack = new AtomicBoolean();
        SCRIPT.set(pausingAfterFirstEvent(firstBatchSeen, heldBack));

        Exchange exchange = send("direct:batches", "hi");

        assertThat(exchange.getException()).isNull();
        assertThat(heldBack).as("the first event waited for the second").isFalse();
        assertThat(batches.get(0)).extracting(DifyStreamEvent::getEvent).containsExactly("message");
        assertThat(answers()).containsExactly("Hello", " world");
    }

    @Test
    void aFailureComesAfterTheEventsBeforeIt() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.event(message("Hel"));
            connection.event(message("lo"));
            connection.event("{\"event\":\"error\",\"task_id\":\"t\",\"message_id\":\"m\",\"status\":400,"
                    + "\"code\":\"completion_request_error\",\"message\":\"rate limited by the provider\"}");
            connection.endStream();
        });

        Exchange exchange = send("direct:batches", "hi");

        assertThat(answers()).containsExactly("Hel", "lo");
        assertThat(exchange.getException()).isInstanceOf(DifyException.class)
                .hasMessageContaining("completion_request_error");
    }

    @Test
    void reasoningIsSeparatedInBatchesAsInEventsMode() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.event(message("<think>weigh"));
            connection.event(message(" it</think>The"));
            connection.event(message(" answer"));
            connection.event(messageEnd());
            connection.endStream();
        });

        Exchange exchange = send("direct:reasoning", "hi");

        assertThat(exchange.getException()).isNull();
        assertThat(String.join("", answers())).isEqualTo("The answer");
        assertThat(flattened()).extracting(DifyStreamEvent::getEvent)
                .contains("reasoning_chunk")
                .endsWith("message_end");
    }

    @Test
    void batchesWithABlockingAnswerIsRefusedBeforeAnyCall() {
        int before = WIRE.requests();

        Exchange exchange = send("direct:blocking", "hi");

        assertThat(exchange.getException()).hasMessageContaining("delivery=batches")
                .hasMessageContaining("responseMode=streaming");
        assertThat(WIRE.requests()).isEqualTo(before);
    }
}
