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

import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;
import org.apache.camel.component.dify.internal.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.internal.protocol.transport.StreamControl;

/**
 * Tees a stream to a {@link StreamObserver} in front of its handler. The connection reads on only while both the
 * handler and the observer can take more; when the observer is full, this stream alone pauses until it has room.
 */
public final class ObservedStream<T> implements EventStreamHandler<T> {

    private final EventStreamHandler<T> delegate;
    private final StreamObserver observer;
    private final ObjectMapper mapper;
    private StreamControl control;
    private long index;
    // one pending wake-up at a time: the transport asks for room after every read while the observer is full
    private final AtomicBoolean waitingForObserver = new AtomicBoolean();

    public ObservedStream(EventStreamHandler<T> delegate, StreamObserver observer, ObjectMapper mapper) {
        this.delegate = delegate;
        this.observer = observer;
        this.mapper = mapper;
    }

    @Override
    public void onStart(StreamControl streamControl) {
        this.control = streamControl;
        delegate.onStart(streamControl);
    }

    @Override
    public T earlyResult() {
        return delegate.earlyResult();
    }

    @Override
    public long readRoom(long window) {
        if (!observer.accepting()) {
            // asked again from the observer's thread once it has room, which lets the connection read on
            if (waitingForObserver.compareAndSet(false, true)) {
                observer.whenAccepting(() -> {
                    waitingForObserver.set(false);
                    control.resume();
                });
            }
            return 0;
        }
        return delegate.readRoom(window);
    }

    @Override
    public boolean isComplete() {
        return delegate.isComplete();
    }

    @Override
    public boolean awaitingEvents() {
        return delegate.awaitingEvents() && observer.accepting();
    }

    @Override
    public void onFailure(RuntimeException failure) {
        delegate.onFailure(failure);
    }

    @Override
    public void onEvent(DifyEvent event) {
        DifyStreamEvent typed = event.typed(mapper);
        observer.onEvent(typed, index++);
        delegate.onEvent(event);
    }

    @Override
    public void onBatchEnd() {
        delegate.onBatchEnd();
    }

    @Override
    public T onEnd() {
        return delegate.onEnd();
    }

    @Override
    public StreamProgress progress() {
        return delegate.progress();
    }
}
