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
package org.apache.camel.component.dify.internal.protocol.api;

import org.apache.camel.component.dify.internal.protocol.stream.StreamedEvents;

/**
 * How the events of a streamed call reach the caller: folded into the stream's result when it ends, or one by one
 * through a {@link StreamedEvents} as they arrive.
 *
 * @param <R> what the call completes with
 */
public sealed interface Delivery<R> {

    /** The whole stream folded into {@code type}: the result type of the endpoint's {@link StreamFamily}. */
    static <R> Delivery<R> aggregated(Class<R> type) {
        return new Aggregated<>(type);
    }

    /**
     * The events as they arrive; the call completes when the stream has started.
     *
     * @param bufferSize the events the iterator holds before reading from the network pauses
     */
    static Delivery<StreamedEvents> events(int bufferSize) {
        return new Events(bufferSize);
    }

    /** The stream folded into one result. */
    record Aggregated<R>(Class<R> type) implements Delivery<R> {
    }

    /** The events one by one. */
    record Events(int bufferSize) implements Delivery<StreamedEvents> {
    }
}
