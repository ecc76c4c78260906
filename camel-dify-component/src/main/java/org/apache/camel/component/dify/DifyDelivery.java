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

/**
 * How the answer of a generation (chat, completion, workflowRun, runPipeline, runDatasourceNode, workflowEvents)
 * reaches the route: the one choice the deprecated responseMode, streamMode and detach made between them.
 */
public enum DifyDelivery {

    /** Dify streams its events; the producer folds them into one result when the stream has ended. */
    aggregate,
    /** Dify answers once with JSON when generation is done (no events; Agent apps refuse it). */
    blocking,
    /**
     * The body is a lazy, closeable iterator of typed events ({@code DifyEventIterator}), for
     * {@code .split(body()).streaming()}; closing it early stops the task on Dify.
     */
    events,
    /**
     * The same iterator, but each element is a List of the events that had arrived when the route asked for more (at
     * least one, at most eventBufferSize, never waiting for a second).
     */
    batches,
    /**
     * The exchange goes on as soon as Dify named the task, with its ids; the rest of the stream is read and discarded
     * in the background, so every kind of app runs to its end.
     */
    detachedDrain,
    /**
     * The exchange goes on as soon as Dify named the task; the connection is closed at once. Workflow and Chatflow
     * runs go on in Dify's worker; a Chatbot, Agent or Text Generator answer may end with the connection.
     */
    detachedClose;

    /** Whether the route gets the stream's events rather than one result. */
    public boolean isEvents() {
        return this == events || this == batches;
    }

    /** Whether the exchange goes on before the run ends. */
    public boolean isDetached() {
        return this == detachedDrain || this == detachedClose;
    }
}
