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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns SSE frames into {@link DifyEvent}s (section 4.1 of the Dify wire format: the name is inside the JSON). */
public final class DifyEventParser {

    private final ObjectMapper mapper;

    public DifyEventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public DifyEvent parse(SseFrame frame) {
        ObjectNode json = null;
        try {
            json = object(mapper.readTree(frame.dataBytes()));
        } catch (IOException e) {
            // invalid UTF-8 inside otherwise valid JSON (a proxy that cut a character) is read as the text decoder
            // reads it, each bad byte a replacement character, rather than losing the whole event; anything else
            // that is not JSON is still an event, passed on with its raw text
            json = validUtf8(frame.dataBytes()) ? null : lenient(frame);
        }
        String name = null;
        if (json != null && json.hasNonNull("event")) {
            name = json.get("event").asText();
        }
        if (name == null || name.isEmpty()) {
            name = frame.event() != null && !frame.event().isEmpty() ? frame.event() : "message";
        }
        return new DifyEvent(name, json, frame);
    }

    private ObjectNode lenient(SseFrame frame) {
        try {
            return object(mapper.readTree(new String(frame.dataBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean validUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static ObjectNode object(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : null;
    }
}
