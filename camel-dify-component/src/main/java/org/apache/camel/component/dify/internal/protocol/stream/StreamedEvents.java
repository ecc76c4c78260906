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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyEventIterator;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;
import org.apache.camel.component.dify.internal.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.internal.protocol.transport.StreamControl;

/**
 * The {@link DifyEventIterator} of a stream: a Dify stream as a lazy iterator of typed events, for {@code .split(body()).streaming()}.
 * <p>
 * Each event reaches the reader as soon as it is decoded. {@link #hasNext()} never waits: a Dify stream ends with a
 * terminal event (Dify docs /en/api-reference/guides/streaming), so until that event has been read there is more to
 * come, either another event
 * or the stream's failure. Only {@link #next()} waits, on the reader's thread, for the event to arrive. Camel's
 * splitter asks {@code hasNext()} before it processes the event it holds, so a waiting {@code hasNext()} would hold
 * every event back until the next one arrived.
 * <p>
 * It pulls: the connection reads only while fewer than {@code bufferSize} decoded events (and less than the read
 * window of bytes) wait here, so a slow reader slows the socket and memory stays bounded however long the stream.
 * What HttpCore delivers past that within one read is kept, never waited out: the I/O thread serves the component's
 * other connections and never waits for a route.
 * <p>
 * The stream ends at its terminal event (for a Chat app whose speech goes on, at {@code tts_message_end}); nothing
 * after it is delivered. If the stream failed ({@code error} event, failed workflow, end before the terminal event,
 * idle timeout, lost connection), {@link #next()} throws the {@link
 * org.apache.camel.component.dify.api.DifyException}
 * after the events that came before it.
 * <p>
 * {@link #close()} before the end aborts the connection and stops the task on Dify (the matching stop endpoint, with
 * the same user), so abandoning a split, an exception in the route or the exchange completing all release it.
 */
public final class StreamedEvents implements DifyEventIterator, EventStreamHandler<StreamedEvents> {

    private final ObjectMapper mapper;
    private final StreamAggregator<?> tracker;
    private final int bufferSize;
    private final boolean endedByTheStream;
    private final Consumer<StreamedEvents> stopper;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    // typed on the reader's thread, in next(): the I/O thread only parses
    private final ArrayDeque<DifyEvent> buffer = new ArrayDeque<>();

    private volatile StreamControl control;
    private long bufferedBytes;
    private boolean done;
    private boolean ended;
    private boolean closed;
    private RuntimeException failure;
    private boolean failureThrown;
    private boolean waiting;
    private boolean unsignalled;
    private long takenSinceResume;
    private volatile BooleanSupplier abandoned = () -> false;
    private boolean stopWhenTaskKnown;
    // a reader's one-shot wake-up: run once next() would not wait (see whenReadable)
    private Runnable readable;
    private Executor readableOn;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();
    private final CompletableFuture<StreamProgress> started = new CompletableFuture<>();

    /**
     * @param tracker    follows ids and the terminal rule of the stream's app family
     * @param bufferSize how many decoded events may wait for the reader before the connection stops reading
     * @param stopper    stops the task on Dify when the iterator is closed before the stream ended
     */
    public StreamedEvents(ObjectMapper mapper, StreamAggregator<?> tracker, int bufferSize,
            Consumer<StreamedEvents> stopper) {
        this.mapper = mapper;
        this.tracker = tracker.withoutAnswer();
        this.bufferSize = Math.max(1, bufferSize);
        this.endedByTheStream = tracker.isEndedByTheStream();
        this.stopper = stopper;
    }

    // ---------------------------------------------------------------- stream side (I/O thread, never waits)

    @Override
    public void onStart(StreamControl streamControl) {
        this.control = streamControl;
    }

    @Override
    public StreamedEvents earlyResult() {
        return this;
    }

    @Override
    public long readRoom(long window) {
        lock.lock();
        try {
            if (closed) {
                return window; // read on, discarding, until the task is known or the connection is cancelled
            }
            return buffer.size() < bufferSize ? window - bufferedBytes : 0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isComplete() {
        lock.lock();
        try {
            return done || failure != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitingEvents() {
        lock.lock();
        try {
            return buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onEvent(DifyEvent event) {
        RuntimeException failed = null;
        try {
            tracker.onEvent(event);
        } catch (RuntimeException e) {
            failed = e; // delivered after the event that caused it
        }
        boolean stopNow = false;
        boolean over = false;
        lock.lock();
        try {
            if (closed) {
                if (stopWhenTaskKnown && getTaskId() != null) {
                    stopWhenTaskKnown = false;
                    stopNow = true;
                }
            } else if (!done) { // nothing after the terminal event belongs to the stream
                buffer.add(event);
                bufferedBytes += sizeOf(event);
                if (failed != null && failure == null) {
                    failure = failed;
                }
                done = tracker.isStreamDone();
                unsignalled = true; // the reader is woken once per network read, in onBatchEnd
                if (done || failure != null) {
                    over = true;
                    arrived.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        if (stopNow) {
            cancelAndStop(true);
        }
        if (!started.isDone() && getTaskId() != null) {
            started.complete(tracker.progress());
        }
        // only the event that ends the stream settles it: no second lock per event on the I/O thread
        if (over) {
            settleOutcome();
        }
    }

    // once the stream is over for its reader: its folded result (ids and usage, no answer text), or why it is not
    private void settleOutcome() {
        if (outcome.isDone()) {
            return;
        }
        RuntimeException failed;
        boolean finished;
        lock.lock();
        try {
            failed = failure;
            finished = done;
        } finally {
            lock.unlock();
        }
        if (failed != null) {
            started.completeExceptionally(failed);
            outcome.completeExceptionally(failed);
        } else if (finished) {
            started.complete(tracker.progress());
            try {
                outcome.complete(tracker.onEnd());
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        }
    }

    /**
     * Completes once the stream named its task (the first event with a {@code task_id}), with the ids known then:
     * task, and as the app has them, workflow run, conversation and message. Fails when the stream failed first.
     * Completes on the I/O thread.
     */
    public CompletionStage<StreamProgress> started() {
        return started;
    }

    /**
     * Lets the stream go without stopping its task on Dify (a Workflow or Chatflow run goes on in Dify's worker, and
     * can be followed with {@code GET /workflow/{id}/events}): with {@code keepReading} the rest of the stream is read
     * and discarded, holding nothing but the connection, until it ends; without, the connection is closed now.
     */
    public void detach(boolean keepReading) {
        lock.lock();
        try {
            closed = true;
            stopWhenTaskKnown = false;
            buffer.clear();
            bufferedBytes = 0;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        StreamControl current = control;
        if (current != null) {
            if (keepReading) {
                current.resume();
            } else {
                current.cancel();
            }
        }
    }

    /**
     * Completes when the stream is over: with the stream's folded result (ids and token usage, without the answer
     * text) once its terminal event arrived, exceptionally when it failed, ended early or was closed before its end.
     * Completes on the thread that ended the stream (the I/O thread, or the closing reader); for metrics and tracing.
     */
    public CompletionStage<Object> outcome() {
        return outcome;
    }

    @Override
    public void onBatchEnd() {
        Runnable wake = null;
        lock.lock();
        try {
            if (unsignalled && waiting) {
                arrived.signalAll();
            }
            unsignalled = false;
            if (readable != null && readableLocked()) {
                wake = takeReadableLocked();
            }
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.run();
        }
    }

    /**
     * Runs {@code task} on {@code executor} once {@link #next()} would not wait: an event is buffered, or the stream
     * is over (ended, failed or closed); at once when that is already so. One task at a time: a reader that reads
     * without waiting registers again when it has taken what there was. The I/O thread only hands the task over.
     */
    public void whenReadable(Executor executor, Runnable task) {
        boolean now;
        lock.lock();
        try {
            now = readableLocked();
            readable = now ? null : task;
            readableOn = executor;
        } finally {
            lock.unlock();
        }
        if (now) {
            executor.execute(task);
        }
    }

    /** Whether {@link #next()} or {@link #hasNext()} would answer without waiting. */
    public boolean isReadable() {
        lock.lock();
        try {
            return readableLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean readableLocked() {
        return !buffer.isEmpty() || failure != null || ended || closed || done;
    }

    // the registered wake-up, handed to its executor when run; null when none
    private Runnable takeReadableLocked() {
        Runnable task = readable;
        Executor executor = readableOn;
        readable = null;
        return task == null ? null : () -> {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException stopping) {
                // the component is stopping: nobody is left to read
            }
        };
    }

    private static long sizeOf(DifyEvent event) {
        return event.size() + 16L;
    }

    @Override
    public StreamedEvents onEnd() {
        RuntimeException incomplete = null;
        try {
            tracker.onEnd();
        } catch (RuntimeException e) {
            incomplete = e;
        }
        finish(incomplete);
        return this;
    }

    @Override
    public void onFailure(RuntimeException error) {
        finish(error);
    }

    // the connection is over: a failure counts unless the terminal event came first; the reader is woken
    private void finish(RuntimeException cause) {
        Runnable wake;
        lock.lock();
        try {
            if (cause != null && failure == null && !done) {
                failure = cause;
            } else if (cause == null) {
                done = true; // a stream that ends with the connection (a datasource run) ended as it should
            }
            ended = true;
            arrived.signalAll();
            wake = takeReadableLocked();
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.run();
        }
        settleOutcome();
    }

    @Override
    public StreamProgress progress() {
        return tracker.progress();
    }

    // ---------------------------------------------------------------- reader side (route thread)

    /**
     * Whether an event (or the stream's failure) is still to come; never waits. It answers {@code false} once the
     * terminal event has been read or the iterator was closed.
     */
    @Override
    public boolean hasNext() {
        if (abandoned.getAsBoolean()) {
            close();
            return false;
        }
        lock.lock();
        try {
            // a stream with no terminal event (a datasource run's pages) may end after any event: only the next
            // event or the end can tell, so here, and only here, hasNext waits
            while (endedByTheStream && buffer.isEmpty() && failure == null && !ended && !closed && !done) {
                waiting = true;
                arrived.awaitUninterruptibly();
            }
            waiting = false;
            return hasNextLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean hasNextLocked() {
        if (!buffer.isEmpty()) {
            return true;
        }
        if (closed) {
            return false;
        }
        if (failure != null) {
            return !failureThrown;
        }
        return !done;
    }

    /**
     * The next event, waiting for it to arrive; throws the stream's failure (a {@code DifyException}) when that is
     * what comes next.
     */
    @Override
    public DifyStreamEvent next() {
        DifyEvent event;
        boolean resume;
        lock.lock();
        try {
            while (buffer.isEmpty() && failure == null && !ended && !closed && !done) {
                waiting = true;
                arrived.awaitUninterruptibly();
            }
            waiting = false;
            if (!hasNextLocked()) {
                throw new NoSuchElementException("the Dify stream has no more events");
            }
            if (buffer.isEmpty()) {
                failureThrown = true;
                throw failure;
            }
            boolean wasFull = buffer.size() >= bufferSize;
            event = buffer.poll();
            long size = sizeOf(event);
            bufferedBytes -= size;
            takenSinceResume += size;
            // credit in batches: the connection only needs it when the buffer stops being full or a quarter of the
            // read window was freed, not for every event
            resume = wasFull || buffer.isEmpty() || takenSinceResume >= 16 * 1024;
            if (resume) {
                takenSinceResume = 0;
            }
        } finally {
            lock.unlock();
        }
        StreamControl current = control;
        if (resume && current != null) {
            current.resume();
        }
        return event.typed(mapper);
    }

    /**
     * Moves up to {@code max} events into {@code batch}: waits for the first as {@link #next()} does (and throws what
     * it would throw), then takes those already buffered without waiting for more, under one lock.
     */
    public void nextBatch(List<DifyStreamEvent> batch, int max) {
        List<DifyEvent> taken;
        boolean resume;
        lock.lock();
        try {
            while (buffer.isEmpty() && failure == null && !ended && !closed && !done) {
                waiting = true;
                arrived.awaitUninterruptibly();
            }
            waiting = false;
            if (!hasNextLocked()) {
                throw new NoSuchElementException("the Dify stream has no more events");
            }
            if (buffer.isEmpty()) {
                failureThrown = true;
                throw failure;
            }
            boolean wasFull = buffer.size() >= bufferSize;
            taken = new ArrayList<>(Math.min(max, buffer.size()));
            while (taken.size() < max && !buffer.isEmpty()) {
                DifyEvent event = buffer.poll();
                bufferedBytes -= sizeOf(event);
                taken.add(event);
            }
            resume = wasFull || buffer.isEmpty();
            takenSinceResume = 0;
        } finally {
            lock.unlock();
        }
        StreamControl current = control;
        if (resume && current != null) {
            current.resume();
        }
        for (DifyEvent event : taken) {
            batch.add(event.typed(mapper));
        }
    }

    /** Whether an event is buffered, so that {@link #next()} would return it without waiting. */
    public boolean hasBuffered() {
        lock.lock();
        try {
            return !buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the iteration (and closes the stream) as soon as {@code condition} holds when the reader asks for more: the
     * reader's owner has given up. Camel's splitter, stopping on an exception, still drains the iterator before
     * closing it; the component passes "the exchange failed" so that the drain ends at once.
     */
    public void abandonWhen(BooleanSupplier condition) {
        this.abandoned = condition;
    }

    /** What the stream delivered so far: ids and event count. */
    @Override
    public StreamProgress getProgress() {
        return tracker.progress();
    }

    /** Whether the stream reached its terminal event. */
    @Override
    public boolean isTerminated() {
        return tracker.isTerminated();
    }

    /** The task id, known from the first event on. */
    @Override
    public String getTaskId() {
        return tracker.progress().taskId();
    }

    /** Whether the events carry a conversation (a Chatflow run), which decides the stop endpoint. */
    public boolean isChatFamilyStream() {
        return tracker.sawConversation();
    }

    /**
     * Releases the stream. Before the terminal event this aborts the connection and stops the task on Dify; after it
     * (or a second time) it does nothing more than release what is buffered.
     */
    @Override
    public void close() {
        boolean stop;
        boolean waitForTask = false;
        Runnable wake;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stop = !tracker.isTerminated() && failure == null && !ended;
            buffer.clear();
            bufferedBytes = 0;
            if (stop && getTaskId() == null) {
                // closed before the first event: read on until it names the task, then stop that task
                stopWhenTaskKnown = true;
                waitForTask = true;
            }
            arrived.signalAll();
            wake = takeReadableLocked();
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.run();
        }
        settleOutcome();
        if (stop) {
            outcome.completeExceptionally(new CancellationException("the reader closed the stream before its end"));
        }
        if (waitForTask) {
            StreamControl current = control;
            if (current != null) {
                current.resume();
            }
            return;
        }
        cancelAndStop(stop);
    }

    private void cancelAndStop(boolean stop) {
        StreamControl current = control;
        if (current != null) {
            current.cancel();
        }
        if (stop) {
            try {
                stopper.accept(this);
            } catch (RuntimeException e) {
                // stopping is best effort: Dify ends an abandoned run on its own limits
            }
        }
    }

    /** Whether this is a chat or completion stream, whose answer comes in message deltas. */
    public boolean isMessageStream() {
        return tracker instanceof MessageStreamAggregator;
    }

    /** Whether the reader is blocked waiting for an event (for tests and diagnostics). */
    public boolean isWaiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }
}
