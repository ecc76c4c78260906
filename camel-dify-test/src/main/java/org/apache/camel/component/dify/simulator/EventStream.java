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
package org.apache.camel.component.dify.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Writes an SSE response exactly as Dify does (langgenius/dify api/core/app/apps/base_app_generator.py,
 * convert_to_event_stream): one {@code data: <compact json>} line and a blank
 * line per event, bare {@code event: ping} keep-alives at the given interval, no end sentinel; applies the request's
 * scripted stream fault.
 */
final class EventStream {

    /** Thrown when a scripted fault ends the stream; the handler stops producing events. */
    static final class Ended extends RuntimeException {

        Ended() {
            super("stream ended by a scripted fault", null, false, false);
        }
    }

    private final HttpExchange exchange;
    private final ObjectMapper mapper;
    private final Duration pingInterval;
    private final Fault fault;
    private OutputStream out;
    private int dataEvents;
    private long lastPingNanos;
    // a Stall fault ends when the run's task is stopped
    private BooleanSupplier stopped = () -> false;

    EventStream(HttpExchange exchange, ObjectMapper mapper, Duration pingInterval, Fault fault) {
        this.exchange = exchange;
        this.mapper = mapper;
        this.pingInterval = pingInterval;
        this.fault = fault;
    }

    /** The stream of this run: a stop of its task ends a {@link Fault.Stall}, as it does in Dify. */
    EventStream of(SimulatedRun run) {
        this.stopped = run::stopRequested;
        return this;
    }

    void open() throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        DifySimulator.noteResponse(200, "text/event-stream; charset=utf-8", new byte[0]);
        out = exchange.getResponseBody();
        lastPingNanos = System.nanoTime();
    }

    void ping() throws IOException {
        write("event: ping\n\n");
        lastPingNanos = System.nanoTime();
    }

    /** Sends one data event, after applying the fault that is due before it. */
    void send(ObjectNode event) throws IOException {
        applyFault();
        if (System.nanoTime() - lastPingNanos >= pingInterval.toNanos()) {
            ping();
        }
        write("data: " + mapper.writeValueAsString(event) + "\n\n");
        dataEvents++;
    }

    /** Sends an event regardless of faults (the error frame of an {@link Fault.ErrorEvent}). */
    void sendUnchecked(ObjectNode event) throws IOException {
        write("data: " + mapper.writeValueAsString(event) + "\n\n");
        dataEvents++;
    }

    private void applyFault() throws IOException {
        if (fault instanceof Fault.EndStreamEarly end && dataEvents >= end.afterEvents()) {
            throw new Ended();
        }
        if (fault instanceof Fault.DropConnection drop && dataEvents >= drop.afterEvents()) {
            out.flush();
            // a real drop comes after the client has read what was sent; dropping in the same instant lets the
            // client's read see data and EOF together, which is a different case
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            throw new Call.StreamAbort();
        }
        if (fault instanceof Fault.Stall stall && dataEvents >= stall.afterEvents()) {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!stopped.getAsBoolean() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(stall.pingInterval().toNanos());
                ping(); // fails with IOException once the client has gone
            }
            if (stopped.getAsBoolean()) {
                return; // the events of the stop follow
            }
            throw new Ended();
        }
    }

    /** Whether an in-stream error event is due now; the caller then sends it and ends. */
    boolean errorDue() {
        return fault instanceof Fault.ErrorEvent error && dataEvents >= error.afterEvents();
    }

    Fault fault() {
        return fault;
    }

    private void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
