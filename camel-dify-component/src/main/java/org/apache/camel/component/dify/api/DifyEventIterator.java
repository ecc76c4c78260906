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
package org.apache.camel.component.dify.api;

import java.io.Closeable;
import java.util.Iterator;

import org.apache.camel.component.dify.api.event.DifyStreamEvent;

/**
 * The body of a streaming call with {@code streamMode=events}: Dify's stream as a lazy iterator of typed events, for
 * {@code .split(body()).streaming()}.
 * <p>
 * {@link #hasNext()} never waits; {@link #next()} waits on the reader's thread for the next event, and throws the
 * {@link DifyException} of a failed stream after the events that came before it. The connection reads only while few
 * decoded events wait, so a slow route slows the socket and memory stays bounded however long the stream.
 * <p>
 * {@link #close()} before the end aborts the connection and stops the task on Dify, so abandoning a split, an
 * exception in the route or the exchange completing all release it.
 */
public interface DifyEventIterator extends Iterator<DifyStreamEvent>, Closeable {

    /** What the stream delivered so far: ids and event count. */
    StreamProgress getProgress();

    /** Whether the stream reached its terminal event. */
    boolean isTerminated();

    /** The task id, known from the first event on; {@code null} before it. */
    String getTaskId();

    /**
     * Releases the stream. Before the terminal event this aborts the connection and stops the task on Dify; after it
     * (or a second time) it only releases what is buffered.
     */
    @Override
    void close();
}
