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

import java.io.Closeable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.camel.component.dify.api.event.DifyStreamEvent;

/**
 * A Dify stream as a lazy iterator of lists of typed events ({@code streamMode=batches}): each list holds what had
 * arrived when the reader asked, at least one event and at most {@code maxBatch}. It waits only for the first event
 * of a list, as {@link StreamedEvents#next()} does, so a lone event is handed over as soon as it arrived; when
 * events come faster than the reader takes them, one list carries a network read's worth of them, and a splitter
 * pays its per-exchange cost once per list.
 * <p>
 * A failure after some events comes after them: the list ends with the last good event, and the next
 * {@link #next()} throws. Closing closes the stream as the event iterator does.
 */
public final class EventBatches implements Iterator<List<DifyStreamEvent>>, Closeable {

    private final StreamedEvents stream;
    private final ReasoningSeparatedEvents separated;
    private final int maxBatch;

    /**
     * @param stream    the stream
     * @param separated what the reader sees of it when reasoning is separated (closed instead of the stream), else
     *                  {@code null}
     * @param maxBatch  the most events in one list
     */
    public EventBatches(StreamedEvents stream, ReasoningSeparatedEvents separated, int maxBatch) {
        this.stream = stream;
        this.separated = separated;
        this.maxBatch = Math.max(1, maxBatch);
    }

    @Override
    public boolean hasNext() {
        return separated != null ? separated.hasNext() : stream.hasNext();
    }

    @Override
    public List<DifyStreamEvent> next() {
        List<DifyStreamEvent> batch = new ArrayList<>();
        if (separated == null) {
            stream.nextBatch(batch, maxBatch); // one lock for the whole list
            return batch;
        }
        batch.add(separated.next());
        while (batch.size() < maxBatch && separated.hasReadyEvent()) {
            batch.add(separated.next());
        }
        return batch;
    }

    @Override
    public void close() {
        if (separated != null) {
            separated.close();
        } else {
            stream.close();
        }
    }
}
