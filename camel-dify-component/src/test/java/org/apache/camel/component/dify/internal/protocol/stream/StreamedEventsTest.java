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
package org.apache.camel.component.dify.internal.protocol.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEventParser;
import org.apache.camel.component.dify.internal.protocol.sse.SseFrame;
import org.apache.camel.component.dify.internal.protocol.transport.StreamControl;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The event iterator's contract with a splitter: no look-ahead wait, end at the terminal event, failures in order. */
class StreamedEventsTest {

    private static final ObjectMapper MAPPER = DifyJson.newMapper();
    private static final DifyEventParser PARSER = new DifyEventParser(MAPPER);
    private static final String DELTA = "{\"event\":\"message\",\"task_id\":\"t\",\"answer\":\"a\"}";
    private static final String END = "{\"event\":\"message_end\",\"task_id\":\"t\",\"id\":\"m\"}";

    private static final long WINDOW = 64 * 1024;

    private final AtomicInteger resumes = new AtomicInteger();

    private StreamedEvents iterator(int bufferSize) {
        StreamedEvents events = new StreamedEvents(MAPPER, new MessageStreamAggregator("chat", MAPPER),
                bufferSize, it -> {
                });
        events.onStart(new StreamControl() {

            @Override
            public void resume() {
                resumes.incrementAndGet();
            }

            @Override
            public void cancel() {
            }
        });
        return events;
    }

    private static void feed(StreamedEvents events, String... frames) {
        for (String frame : frames) {
            events.onEvent(PARSER.parse(new SseFrame(null, frame, null)));
        }
    }

    @Test
    void hasNextAnswersAtOnceWhileTheStreamIsBeforeItsTerminalEvent() {
        StreamedEvents events = iterator(8);
        feed(events, DELTA);

        assertThat(events.hasNext()).isTrue();
        assertThat(events.next().getEvent()).isEqualTo("message");
        // nothing has arrived yet, and nothing is waited for: a Dify stream is not over before its terminal event
        assertThat(events.hasNext()).isTrue();
        assertThat(events.isWaiting()).isFalse();
    }

    @Test
    void nextWaitsForTheEventAndTheTerminalEventEndsTheIteration() {
        StreamedEvents events = iterator(8);
        CompletableFuture<DifyStreamEvent> reader = CompletableFuture.supplyAsync(events::next);
        await().atMost(10, TimeUnit.SECONDS).until(events::isWaiting);

        feed(events, END, DELTA); // a delta after message_end is not part of the stream

        assertThat(reader.join().getEvent()).isEqualTo("message_end");
        assertThat(events.isComplete()).isTrue();
        assertThat(events.hasNext()).isFalse();
    }

    @Test
    void aStreamThatEndsWithoutItsTerminalEventFailsAfterTheEventsBeforeIt() {
        StreamedEvents events = iterator(8);
        feed(events, DELTA);
        events.onEnd();

        assertThat(events.next().getEvent()).isEqualTo("message");
        assertThat(events.hasNext()).isTrue();
        assertThatThrownBy(events::next).isInstanceOfSatisfying(DifyException.class,
                e -> assertThat(e.getCode()).isEqualTo(DifyException.STREAM_INCOMPLETE));
        assertThat(events.hasNext()).isFalse();
    }

    @Test
    void theConnectionPausesWhenTheBufferIsFullAndResumesAsTheReaderTakes() {
        StreamedEvents events = iterator(2);
        feed(events, DELTA, DELTA, DELTA); // one past the buffer: HttpCore's overshoot is kept, never waited out

        assertThat(events.readRoom(WINDOW)).as("no room while the buffer is full").isZero();
        int before = resumes.get();
        events.next();
        events.next();
        // room again, less the bytes of the event still unread
        assertThat(events.readRoom(WINDOW)).isPositive().isLessThan(WINDOW);
        assertThat(resumes.get()).isGreaterThan(before);
    }

    @Test
    void aReaderIsWokenOnceWhenEventsArriveAndAtOnceWhenTheyAreThere() {
        StreamedEvents events = iterator(8);
        AtomicInteger wakes = new AtomicInteger();
        // run in place: the test's executor
        events.whenReadable(Runnable::run, wakes::incrementAndGet);
        assertThat(wakes).as("nothing to read yet").hasValue(0);

        feed(events, DELTA);
        events.onBatchEnd();
        events.onBatchEnd();
        assertThat(wakes).as("woken once, at the end of the network read").hasValue(1);

        events.whenReadable(Runnable::run, wakes::incrementAndGet);
        assertThat(wakes).as("an event waits: at once").hasValue(2);
        assertThat(events.isReadable()).isTrue();
        events.next();
        assertThat(events.isReadable()).isFalse();

        events.whenReadable(Runnable::run, wakes::incrementAndGet);
        events.close();
        assertThat(wakes).as("closing wakes the reader").hasValue(3);
    }

    @Test
    void theEndAndAFailureWakeTheReader() {
        StreamedEvents ended = iterator(8);
        AtomicInteger wakes = new AtomicInteger();
        ended.whenReadable(Runnable::run, wakes::incrementAndGet);
        ended.onEnd();
        assertThat(wakes).hasValue(1);

        StreamedEvents failed = iterator(8);
        failed.whenReadable(Runnable::run, wakes::incrementAndGet);
        failed.onFailure(new IllegalStateException("connection reset"));
        assertThat(wakes).hasValue(2);
        assertThat(failed.isReadable()).isTrue();
    }
}
