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
package org.apache.camel.component.dify.internal.protocol.sse;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;

/**
 * One Dify stream event as it arrived: its name, its JSON object and the raw text of its {@code data} field.
 * <p>
 * Every frame becomes an event, including names this version does not know, so nothing the server sends is dropped.
 */
public final class DifyEvent {

    private final String name;
    private final ObjectNode json;
    private final SseFrame frame;

    /**
     * @param name the event name: the JSON {@code event} field, else the SSE {@code event:} field, else
     *             {@code "message"}
     * @param json the parsed JSON object, or {@code null} when the data was not a JSON object
     * @param raw  the data text exactly as received
     */
    public DifyEvent(String name, ObjectNode json, String raw) {
        this(name, json, new SseFrame(null, raw, null));
    }

    /** An event read from {@code frame}; its raw text is decoded from the frame only when asked for. */
    public DifyEvent(String name, ObjectNode json, SseFrame frame) {
        this.name = name;
        this.json = json;
        this.frame = frame;
    }

    /** The event name. */
    public String name() {
        return name;
    }

    /** The parsed JSON object, or {@code null} when the data was not a JSON object. */
    public ObjectNode json() {
        return json;
    }

    /** The data text exactly as received. */
    public String raw() {
        return frame.data();
    }

    /** The data text, decoded from the frame's bytes when first asked for (holds the frame, not the JSON tree). */
    public Supplier<String> rawText() {
        SseFrame source = frame;
        return source::data;
    }

    /** The size of the data in bytes, as received. */
    public int size() {
        return frame.dataBytes().length;
    }

    /** This event typed: a subclass of {@link DifyStreamEvent} for a known name, else an UnknownEvent. */
    public DifyStreamEvent typed(ObjectMapper mapper) {
        return DifyStreamEvent.of(name, json, rawText(), mapper);
    }

    @Override
    public String toString() {
        return "DifyEvent[" + name + "]" + raw();
    }

    /** A top-level string field, or {@code null}; {@code null} JSON values read as {@code null}. */
    public String text(String field) {
        return json == null ? null : textOf(json.get(field));
    }

    /** A string field of the nested {@code data} object (workflow-family events), or {@code null}. */
    public String dataText(String field) {
        JsonNode data = data();
        return data == null ? null : textOf(data.get(field));
    }

    /** The nested {@code data} object of workflow-family events, or {@code null}. */
    public JsonNode data() {
        if (json == null) {
            return null;
        }
        JsonNode data = json.get("data");
        return data != null && data.isObject() ? data : null;
    }

    /** Whether the top-level field is present (even with a null value). */
    public boolean has(String field) {
        return json != null && json.has(field);
    }

    private static String textOf(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
