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
package org.apache.camel.component.dify.protocol.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.protocol.StreamProgress;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;
import org.apache.camel.component.dify.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.protocol.transport.StreamControl;

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
    public boolean readyForMore() {
        if (!observer.accepting()) {
            // asked again from the observer's thread once it has room, which lets the connection read on
            observer.whenAccepting(control::resume);
            return false;
        }
        return delegate.readyForMore();
    }

    @Override
    public long bufferedBytes() {
        return delegate.bufferedBytes();
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
        DifyStreamEvent typed = DifyStreamEvent.of(event, mapper);
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
