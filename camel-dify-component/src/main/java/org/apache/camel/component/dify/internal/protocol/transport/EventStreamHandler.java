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
package org.apache.camel.component.dify.internal.protocol.transport;

import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * Receives the events of one stream, on the I/O thread and in order, and builds the result. No method may wait: the
 * I/O thread serves every other connection of the component too. Throwing a
 * {@link org.apache.camel.component.dify.api.DifyException} from {@link #onEvent} or {@link #onEnd} fails the
 * call and closes the connection.
 */
public interface EventStreamHandler<T> {

    /** The stream began (status 2xx, event stream); {@code control} is valid until the stream ends. */
    default void onStart(StreamControl control) {
    }

    /**
     * A result to complete the call with as soon as the stream begins, while events go on arriving (a lazy
     * iterator), or {@code null} to complete at the end with {@link #onEnd()}.
     */
    default T earlyResult() {
        return null;
    }

    /**
     * How many bytes the connection may have in flight now: the read {@code window} less the bytes of events the
     * reader has not taken yet, or 0 while the handler takes nothing more (the connection then reads no further than
     * the bytes already let in, and the handler calls {@link StreamControl#resume()} once it can again). Called from
     * any thread.
     */
    default long readRoom(long window) {
        return window;
    }

    /**
     * Whether the stream needs no more events: its terminal event (or a failure) has been handled. The transport then
     * stops decoding, completes the call with {@link #onEnd()} and releases the connection, whether or not the server
     * ends the response.
     */
    default boolean isComplete() {
        return false;
    }

    /**
     * Whether the handler is waiting for the next event. The idle watchdog only counts time while it is: a reader
     * that holds unread events is slow, not stalled.
     */
    default boolean awaitingEvents() {
        return true;
    }

    /** The call failed after an early result was delivered; the handler reports it to its reader. */
    default void onFailure(RuntimeException failure) {
    }

    void onEvent(DifyEvent event);

    /**
     * The events of one network read have been handed over: a handler whose reader waits on another thread wakes it
     * now, once per read rather than once per event.
     */
    default void onBatchEnd() {
    }

    /**
     * The stream is over: its terminal event was handled ({@link #isComplete()}) or the server closed it. Returns the
     * result, or throws if the stream was incomplete.
     */
    T onEnd();

    /** What has arrived so far, for the exception of a stream that fails or stalls. Called from any thread. */
    StreamProgress progress();
}
