package org.apache.camel.component.dify.protocol.stream;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.component.dify.protocol.StreamProgress;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;
import org.apache.camel.component.dify.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.protocol.transport.StreamControl;

/**
 * A Dify stream as a lazy iterator of typed events, for {@code .split(body()).streaming()}.
 * <p>
 * It pulls: the connection reads only while fewer than {@code bufferSize} decoded events wait here, so a slow reader
 * slows the socket and memory stays bounded however long the stream. HttpCore may read past that window within one
 * I/O pass when the server writes faster than the route reads; at four times {@code bufferSize} the I/O thread then
 * waits until the reader takes an event, closes the iterator or the stream fails, so the bound holds in every case
 * (at the price of pausing the endpoint's other connections on that I/O thread while it waits). The events a stream ends with come through like
 * any other; if the stream failed ({@code error} event, failed workflow, end before the terminal event, idle timeout,
 * lost connection), {@link #hasNext()} then throws the
 * {@link org.apache.camel.component.dify.protocol.DifyException}.
 * <p>
 * {@link #close()} before the end aborts the connection and stops the task on Dify (the matching stop endpoint, with
 * the same user), so abandoning a split, an exception in the route or the exchange completing all release it.
 */
public final class DifyEventIterator implements Iterator<DifyStreamEvent>, Closeable, EventStreamHandler<DifyEventIterator> {

    private final ObjectMapper mapper;
    private final StreamAggregator<?> tracker;
    private final int bufferSize;
    private final Consumer<DifyEventIterator> stopper;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<DifyStreamEvent> buffer = new ArrayDeque<>();
    private final int hardBound;

    private StreamControl control;
    private boolean ended;
    private boolean closed;
    private RuntimeException failure;
    private boolean failureThrown;
    private boolean waiting;
    private volatile BooleanSupplier abandoned = () -> false;
    private boolean stopWhenTaskKnown;

    /**
     * @param tracker    follows ids and the terminal rule of the stream's app family
     * @param bufferSize how many decoded events may wait for the reader before the connection stops reading
     * @param stopper    stops the task on Dify when the iterator is closed before the stream ended
     */
    public DifyEventIterator(ObjectMapper mapper, StreamAggregator<?> tracker, int bufferSize,
                             Consumer<DifyEventIterator> stopper) {
        this.mapper = mapper;
        this.tracker = tracker.withoutAnswer();
        this.bufferSize = Math.max(1, bufferSize);
        this.hardBound = this.bufferSize * 4;
        this.stopper = stopper;
    }

    // ---------------------------------------------------------------- stream side (I/O thread)

    @Override
    public void onStart(StreamControl control) {
        this.control = control;
    }

    @Override
    public DifyEventIterator earlyResult() {
        return this;
    }

    @Override
    public boolean controlsFlow() {
        return true;
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
        DifyStreamEvent typed = DifyStreamEvent.of(event, mapper);
        RuntimeException failed = null;
        try {
            tracker.onEvent(event);
        } catch (RuntimeException e) {
            failed = e; // delivered after the event that caused it
        }
        boolean room;
        boolean stopNow = false;
        boolean stillWaitingForTask = false;
        lock.lock();
        try {
            if (closed && stopWhenTaskKnown) {
                stopNow = getTaskId() != null;
                stillWaitingForTask = !stopNow;
                stopWhenTaskKnown = stillWaitingForTask;
            }
        } finally {
            lock.unlock();
        }
        if (stopNow) {
            cancelAndStop(true);
            return;
        }
        if (stillWaitingForTask && control != null) {
            control.resume();
            return;
        }
        lock.lock();
        try {
            // HttpCore 5.3 keeps reading within one I/O pass after the window closed, so a server that writes faster
            // than the route reads can outrun the credit; past the hard bound the I/O thread waits for the reader
            while (buffer.size() >= hardBound && !closed && failure == null) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                return;
            }
            buffer.add(typed);
            if (failed != null && failure == null) {
                failure = failed;
            }
            room = buffer.size() < bufferSize;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (room && control != null) {
            control.resume();
        }
    }

    @Override
    public DifyEventIterator onEnd() {
        RuntimeException incomplete = null;
        try {
            tracker.onEnd();
        } catch (RuntimeException e) {
            incomplete = e;
        }
        lock.lock();
        try {
            ended = true;
            if (incomplete != null && failure == null) {
                failure = incomplete;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return this;
    }

    @Override
    public void onFailure(RuntimeException error) {
        lock.lock();
        try {
            if (failure == null) {
                failure = error;
            }
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public StreamProgress progress() {
        return tracker.progress();
    }

    // ---------------------------------------------------------------- reader side (route thread)

    /**
     * Waits for the next event. A failed stream answers {@code true} once its events are read, and the following
     * {@link #next()} throws the failure: Camel's splitter looks ahead with {@code hasNext()} before it processes an
     * event, so throwing here would lose the event before the failure.
     */
    @Override
    public boolean hasNext() {
        if (abandoned.getAsBoolean()) {
            close();
            return false;
        }
        lock.lock();
        try {
            while (buffer.isEmpty() && !ended && failure == null && !closed) {
                waiting = true;
                changed.awaitUninterruptibly();
            }
            waiting = false;
            return !buffer.isEmpty() || failure != null && !failureThrown && !closed;
        } finally {
            lock.unlock();
        }
    }

    /** The next event; throws the stream's failure (a {@code DifyException}) when that is what comes next. */
    @Override
    public DifyStreamEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the Dify stream has no more events");
        }
        DifyStreamEvent event;
        boolean resume;
        lock.lock();
        try {
            if (buffer.isEmpty()) {
                failureThrown = true;
                throw failure;
            }
            event = buffer.poll();
            resume = buffer.size() < bufferSize / 2 + 1;
            changed.signalAll(); // an I/O thread may wait at the hard bound
        } finally {
            lock.unlock();
        }
        if (resume && control != null) {
            control.resume();
        }
        return event;
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
    public StreamProgress getProgress() {
        return tracker.progress();
    }

    /** Whether the stream reached its terminal event. */
    public boolean isTerminated() {
        return tracker.isTerminated();
    }

    /** The task id, known from the first event on. */
    public String getTaskId() {
        return tracker.progress().taskId();
    }

    /** Whether the events carry a conversation (a Chatflow run), which decides the stop endpoint. */
    public boolean isChatFamilyStream() {
        return tracker.sawConversation();
    }

    /**
     * Releases the stream. Before the terminal event this aborts the connection and stops the task on Dify; after it
     * (or a second time) it does nothing.
     */
    @Override
    public void close() {
        boolean stop;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stop = !tracker.isTerminated() && failure == null;
            buffer.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (stop && getTaskId() == null) {
            // closed before the first event: read on until it names the task, then stop that task
            lock.lock();
            try {
                stopWhenTaskKnown = true;
            } finally {
                lock.unlock();
            }
            return;
        }
        cancelAndStop(stop);
    }

    private void cancelAndStop(boolean stop) {
        if (control != null) {
            control.cancel();
        }
        if (stop) {
            try {
                stopper.accept(this);
            } catch (RuntimeException e) {
                // stopping is best effort: Dify ends an abandoned run on its own limits
            }
        }
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
