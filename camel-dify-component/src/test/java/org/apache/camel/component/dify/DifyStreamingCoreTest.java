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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.apache.camel.component.dify.StreamScripts.message;
import static org.apache.camel.component.dify.StreamScripts.messageEnd;
import static org.apache.camel.component.dify.StreamScripts.pausingAfterFirstEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streaming core through routes: the I/O thread never waits for a route (a slow reader, a split that calls Dify
 * per event and a slow {@code dify:events} route leave other calls alone), each event reaches the route as soon as it
 * is decoded, a stream ends at its terminal event, an event of any size up to {@code maxFrameSize} is delivered,
 * every failure releases its socket, and a request that never left is sent again.
 * <p>
 * The wire-level cases run against a {@link ScriptedServer}, which writes exactly what a misbehaving server would.
 */
class DifyStreamingCoreTest extends DifyTestSupport {

    private static final SimulatedApp LONG = simulator().createApp(AppMode.CHAT).longStream(20_000);
    private static final SimulatedApp MEDIUM = simulator().createApp(AppMode.CHAT).longStream(1_000);
    private static final AtomicReference<ScriptedServer.Script> SCRIPT = new AtomicReference<>();
    private static final ScriptedServer WIRE = ScriptedServer.start((request, connection) -> SCRIPT.get()
            .answer(request, connection));

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean routeHolding = new AtomicBoolean();
    private final AtomicInteger perEventCalls = new AtomicInteger();
    private final CountDownLatch firstEventSeen = new CountDownLatch(1);

    @AfterAll
    static void stopWire() {
        WIRE.close();
    }

    @AfterEach
    void releaseHeldRoutes() {
        release.countDown();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String wire = "baseUrl=" + WIRE.baseUrl() + "&apiKey=app-wire";
        return new RouteBuilder() {

            @Override
            public void configure() {
                // each call shares the endpoint of a stream (the operation header picks getAppInfo): a reader or
                // consumer that made the endpoint's I/O thread wait would hold these calls up with it
                String slowReader = "dify:chat?delivery=events&apiKey=" + LONG.apiKey();
                from("direct:slowReader").to(slowReader).split(body()).streaming().process(e -> hold()).end();
                from("direct:slowReaderInfo").setHeader(DifyConstants.OPERATION, constant("getAppInfo"))
                        .to(slowReader);
                String perEvent = "dify:chat?delivery=events&apiKey=" + MEDIUM.apiKey();
                from("direct:callPerEvent").to(perEvent)
                        .split(body())
                        .streaming()
                        .setHeader(DifyConstants.OPERATION, constant("getAppInfo"))
                        .to(perEvent)
                        .process(e -> perEventCalls.incrementAndGet())
                        .end();
                from("dify:events?eventQueueSize=8").routeId("slowConsumer")
                        .autoStartup(false)
                        .process(e -> hold());
                String longChat = "dify:chat?apiKey=" + LONG.apiKey();
                from("direct:longChat").to(longChat);
                from("direct:longChatInfo").setHeader(DifyConstants.OPERATION, constant("getAppInfo")).to(longChat);

                from("direct:wire").to("dify:chat?streamIdleTimeout=3000&" + wire);
                from("direct:wireStall").to("dify:chat?streamIdleTimeout=100&" + wire);
                from("direct:wireEvents").to("dify:chat?delivery=events&streamIdleTimeout=3000&" + wire)
                        .split(body())
                        .streaming()
                        .process(collectEvent())
                        .process(e -> firstEventSeen.countDown())
                        .end();
                from("direct:wireInfo").to("dify:getAppInfo?" + wire);
            }
        };
    }

    private void hold() throws InterruptedException {
        routeHolding.set(true);
        release.await(60, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ the I/O thread never waits for a route

    @Test
    void aSlowEventsReaderDoesNotHoldUpOtherCallsOfTheComponent() {
        // the reader holds its first event while the server writes the other 20,000 as fast as it can
        assertAnotherCallCompletesWhileTheRouteHolds("direct:slowReader", "direct:slowReaderInfo");
    }

    @Test
    void aSplitThatCallsTheSameComponentForEveryEventFinishes() {
        CompletableFuture<Exchange> run = template.asyncSend("direct:callPerEvent", e -> e.getMessage().setBody("go"));

        await().atMost(60, TimeUnit.SECONDS).until(run::isDone);
        assertThat(run.join().getException()).isNull();
        assertThat(perEventCalls.get()).isEqualTo(1_001); // the deltas and message_end
    }

    @Test
    void aSlowEventsConsumerDoesNotStallUnrelatedCalls() throws Exception {
        context.getRouteController().startRoute("slowConsumer");
        // the consumer's queue of 8 fills up: that stream pauses, the I/O thread does not
        assertAnotherCallCompletesWhileTheRouteHolds("direct:longChat", "direct:longChatInfo");
        context.getRouteController().stopRoute("slowConsumer");
    }

    private void assertAnotherCallCompletesWhileTheRouteHolds(String streamRoute, String otherRoute) {
        CompletableFuture<Exchange> stream = template.asyncSend(streamRoute, e -> e.getMessage().setBody("go"));
        await().atMost(10, TimeUnit.SECONDS).untilTrue(routeHolding);

        CompletableFuture<Exchange> other = template.asyncSend(otherRoute, e -> e.getMessage().setBody(null));
        await().atMost(20, TimeUnit.SECONDS).until(other::isDone);
        assertThat(other.join().getException()).isNull();
        assertThat(stream).isNotDone();

        release.countDown();
        await().atMost(60, TimeUnit.SECONDS).until(stream::isDone);
        assertThat(stream.join().getException()).isNull();
    }

    // ------------------------------------------------------------------ each event reaches the route at once

    @Test
    void theFirstEventReachesTheRouteBeforeTheNextOneIsSent() {
        AtomicBoolean heldBack = new AtomicBoolean();
        SCRIPT.set(pausingAfterFirstEvent(firstEventSeen, heldBack));

        Exchange exchange = send("direct:wireEvents", "hi");

        assertThat(exchange.getException()).isNull();
        assertThat(heldBack).as("the first event waited for the second").isFalse();
        assertThat(eventNames()).containsExactly("message", "message", "message_end");
    }

    // ------------------------------------------------------------------ a stream ends at its terminal event

    @Test
    void aStreamEndsAtItsTerminalEventWhenTheServerKeepsTheConnectionOpen() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.event(message("done"));
            connection.event(messageEnd());
            connection.event(message(" and a late delta"));
            connection.pingUntilClosed(Duration.ofMillis(50));
        });

        Exchange aggregated = send("direct:wire", "hi");
        assertThat(aggregated.getException()).isNull();
        assertThat(aggregated.getMessage().getBody(String.class)).isEqualTo("done");

        Exchange split = send("direct:wireEvents", "hi");
        assertThat(split.getException()).isNull();
        assertThat(eventNames()).containsExactly("message", "message_end");

        // neither stream is left open: the client closed both connections the server kept open
        await().atMost(10, TimeUnit.SECONDS).until(() -> WIRE.openConnections() == 0);
    }

    @Test
    void aConnectionTheServerEndsAfterTheTerminalEventIsReused() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.event(message("one"));
            connection.event(messageEnd());
            connection.endStream();
        });
        int acceptedBefore = WIRE.acceptedConnections();

        for (int i = 0; i < 5; i++) {
            Exchange exchange = send("direct:wire", "hi");
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("one");
        }

        // the call completes at message_end, a moment before the server's end of the body returns the connection to
        // the pool, so a call sent at once may open a second one; the connections are reused, not one per call
        assertThat(WIRE.acceptedConnections() - acceptedBefore).isLessThan(5);
    }

    // ------------------------------------------------------------------ events of any size up to maxFrameSize

    @Test
    void anEventLargerThanTheReadWindowIsDeliveredInEventsMode() {
        String big = "x".repeat(1024 * 1024);
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.event(message(big));
            connection.event(messageEnd());
            connection.endStream();
        });

        Exchange exchange = send("direct:wireEvents", "hi");

        assertThat(exchange.getException()).isNull();
        assertThat(eventNames()).containsExactly("message", "message_end");
        assertThat(((MessageEvent) events.get(0)).getAnswer()).hasSize(big.length());
    }

    @Test
    void anEventBeyondMaxFrameSizeFailsNamingTheOptionInEveryMode() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.chunk("data: {\"event\":\"message\",\"task_id\":\"t\",\"answer\":\"");
            String block = "y".repeat(64 * 1024);
            for (int i = 0; i < 32 * 16; i++) { // 32 MiB, past the default maxFrameSize of 8 MiB
                connection.chunk(block);
            }
            connection.chunk("\"}\n\n");
            connection.endStream();
        });

        for (String route : List.of("direct:wire", "direct:wireEvents")) {
            Exchange exchange = send(route, "hi");
            DifyException error = exchange.getException(DifyException.class);
            assertThat(error).as(route).isNotNull();
            assertThat(error.getMessage()).as(route).contains("maxFrameSize");
        }
    }

    // ------------------------------------------------------------------ every failure releases its connection

    @Test
    void fortyPingOnlyStallsInARowLeaveNoConnectionOpen() {
        SCRIPT.set((request, connection) -> {
            connection.startEventStream();
            connection.event(message("partial"));
            connection.pingUntilClosed(Duration.ofMillis(20));
        });

        for (int i = 0; i < 40; i++) {
            Exchange exchange = send("direct:wireStall", "hi");
            DifyException error = exchange.getException(DifyException.class);
            assertThat(error).isNotNull();
            assertThat(error.getCode()).isEqualTo(DifyException.STREAM_IDLE_TIMEOUT);
            assertThat(error.getProgress().answer()).isEqualTo("partial");
        }

        await().atMost(10, TimeUnit.SECONDS).until(() -> WIRE.openConnections() == 0);
    }

    // ------------------------------------------------------------------ requests that never left are sent again

    @Test
    void requestsOnConnectionsTheServerClosedWhileIdleAreSentAgain() throws Exception {
        // the server advertises keep-alive, then closes each connection right after answering
        SCRIPT.set((request, connection) -> {
            connection.json(200, "{\"name\":\"wire\",\"description\":\"\",\"tags\":[],\"mode\":\"chat\","
                    + "\"author_name\":\"camel\"}");
            connection.close();
        });

        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<CompletableFuture<Exchange>> wave = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                wave.add(template.asyncSend("direct:wireInfo", e -> e.getMessage().setBody(null)));
            }
            CompletableFuture.allOf(wave.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            calls.addAll(wave);
        }

        List<String> failures = calls.stream()
                .map(CompletableFuture::join)
                .filter(exchange -> exchange.getException() != null)
                .map(exchange -> exchange.getException().getMessage())
                .toList();
        // a request HttpCore never wrote (RequestNotExecutedException) is sent again; one written to a connection
        // whose close was still in flight may have reached the server, so it fails, and such a race is rare
        assertThat(failures).noneMatch(failure -> failure.contains("RequestNotExecutedException"));
        assertThat(failures.size()).isLessThan(calls.size() / 20);
    }

    // ------------------------------------------------------------------ helpers

    private List<String> eventNames() {
        return events.stream().map(DifyStreamEvent::getEvent).toList();
    }

    /**
     * "Hello", then a pause until the route has seen it ({@code seen}), then " world" and the end: a reader that
     * looks ahead for a second event would wait for ever (10 s, then {@code heldBack} is set).
     */
}
