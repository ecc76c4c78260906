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
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.api.event.AgentMessageEvent;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * The events of a chat or completion stream with the model's {@code <think>} reasoning taken out of the answer: a
 * {@code message} (or {@code agent_message}) event keeps only its answer text, and the reasoning it carried comes just
 * before it as a {@code reasoning_chunk} event, the event Dify itself sends when it separates reasoning
 * ({@code data: {message_id, reasoning, node_id, is_final}}). An event whose delta was all reasoning (or a tag held
 * back) only yields its {@code reasoning_chunk}, if any. Every other event passes unchanged; closing closes the stream.
 */
public final class ReasoningSeparatedEvents implements Iterator<DifyStreamEvent>, Closeable {

    private final StreamedEvents events;
    private final ObjectMapper mapper;
    private final ThinkSplitter splitter = new ThinkSplitter();
    private final ArrayDeque<DifyStreamEvent> ready = new ArrayDeque<>();

    public ReasoningSeparatedEvents(StreamedEvents events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    /** The stream underneath. */
    public StreamedEvents events() {
        return events;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && events.hasNext()) {
            separate(events.next());
        }
        return !ready.isEmpty();
    }

    /** Whether {@link #next()} has an event without waiting for the stream (never waits itself). */
    public boolean hasReadyEvent() {
        while (ready.isEmpty() && events.hasBuffered()) {
            separate(events.next());
        }
        return !ready.isEmpty();
    }

    @Override
    public DifyStreamEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events in the Dify stream");
        }
        return ready.poll();
    }

    private void separate(DifyStreamEvent event) {
        String name = event.getEvent();
        boolean delta = "message".equals(name) || "agent_message".equals(name);
        if (!delta && !"message_end".equals(name)) {
            ready.add(event);
            return;
        }
        String answer = delta ? answerOf(event) : null;
        if (answer != null && splitter.passesUnchanged(answer)) {
            ready.add(event); // all answer: no need to read its JSON again
            return;
        }
        ObjectNode json = json(event);
        if (json == null) {
            ready.add(event);
            return;
        }
        ThinkSplitter.Split split = delta ? splitter.feed(json.path("answer").asText("")) : splitter.finish();
        if (!split.reasoning().isEmpty()) {
            ObjectNode chunk = mapper.createObjectNode().put("event", "reasoning_chunk");
            copy(json, chunk, "conversation_id", "message_id", "created_at", "task_id");
            ObjectNode data = chunk.putObject("data");
            data.set("message_id", json.get("message_id"));
            data.put("reasoning", split.reasoning()).putNull("node_id").put("is_final", false);
            ready.add(typed("reasoning_chunk", chunk));
        }
        if (delta) {
            if (!split.answer().isEmpty()) {
                ready.add(typed(name, json.put("answer", split.answer())));
            }
        } else {
            if (!split.answer().isEmpty()) {
                // text held back as a possible tag start, which the stream's end shows was answer
                ObjectNode rest = mapper.createObjectNode().put("event", "message");
                copy(json, rest, "conversation_id", "message_id", "created_at", "task_id", "id");
                ready.add(typed("message", rest.put("answer", split.answer())));
            }
            ready.add(event);
        }
    }

    private static String answerOf(DifyStreamEvent event) {
        if (event instanceof MessageEvent message) {
            return message.getAnswer();
        }
        return event instanceof AgentMessageEvent agentMessage ? agentMessage.getAnswer() : null;
    }

    private ObjectNode json(DifyStreamEvent event) {
        try {
            return event.getRawJson() == null ? null
                    : mapper.readTree(event.getRawJson()) instanceof ObjectNode node ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private DifyStreamEvent typed(String name, ObjectNode json) {
        try {
            return new DifyEvent(name, json, mapper.writeValueAsString(json)).typed(mapper);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event the stream just read", e);
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field));
            }
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
