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
package org.apache.camel.component.dify.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.model.DifyJson;
import org.apache.camel.component.dify.protocol.model.FileReference;

/**
 * Reads an operation's parameters from an exchange with one precedence rule for all of them: header, then body, then
 * endpoint option. Every missing or unusable value fails with a message naming the header or option to set.
 */
final class ExchangeInputs {

    private static final ObjectMapper MAPPER = DifyJson.newMapper();

    private final String operation;
    private final Message message;
    private final DifyConfiguration configuration;

    ExchangeInputs(String operation, DifyEndpoint endpoint, Exchange exchange) {
        this.operation = operation;
        this.message = exchange.getMessage();
        this.configuration = endpoint.getConfiguration();
    }

    DifyConfiguration configuration() {
        return configuration;
    }

    Message message() {
        return message;
    }

    String apiKey() {
        String key = firstNonBlank(header(DifyConstants.API_KEY), configuration.getApiKey());
        if (key == null) {
            throw invalid("no API key: set the option apiKey (or camel.component.dify.apiKey) or the header "
                    + DifyConstants.API_KEY);
        }
        return key;
    }

    String user() {
        return user(null);
    }

    /** The end-user id: header, then {@code fromBody}, then option. */
    String user(String fromBody) {
        String user = firstNonBlank(header(DifyConstants.USER), fromBody, configuration.getUser());
        if (user == null) {
            throw invalid("no end-user id: set the option user or the header " + DifyConstants.USER);
        }
        return user;
    }

    String header(String name) {
        return message.getHeader(name, String.class);
    }

    /** The body as a Map of Dify request fields, or {@code null} when the body is not a Map. */
    @SuppressWarnings("unchecked")
    Map<String, Object> mapBody() {
        Object body = message.getBody();
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        return null;
    }

    /**
     * The request fields of an operation whose body is one JSON object: a Map, a JSON object as text or bytes, or any
     * object with the fields (a typed request, written with Dify's snake_case names); an empty Map for no body.
     * Anything else fails, rather than sending a request without what the body meant to say.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> requestFields() {
        Object body = message.getBody();
        Map<String, Object> fields = mapBody();
        if (fields != null) {
            return fields;
        }
        if (body == null) {
            return new LinkedHashMap<>();
        }
        try {
            Object parsed;
            if (body instanceof CharSequence text) {
                parsed = text.toString().isBlank() ? Map.of() : MAPPER.readValue(text.toString(), Object.class);
            } else if (body instanceof byte[] bytes) {
                parsed = bytes.length == 0 ? Map.of() : MAPPER.readValue(bytes, Object.class);
            } else {
                parsed = MAPPER.convertValue(body, Object.class);
            }
            if (parsed instanceof Map<?, ?> map) {
                return new LinkedHashMap<>((Map<String, Object>) map);
            }
        } catch (java.io.IOException | IllegalArgumentException e) {
            // reported below
        }
        throw invalid("the body must be the request's fields: a Map (or a JSON object, or an object with Dify's"
                + " field names), not a " + body.getClass().getSimpleName());
    }

    /** The body as text when it is a String (or a CharSequence), else {@code null}. */
    String textBody() {
        Object body = message.getBody();
        return body instanceof CharSequence text ? text.toString() : null;
    }

    /** Endpoint inputs, then {@code fromBody}, then the inputs header; later ones win on the same name. */
    Map<String, Object> inputs(Object fromBody) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        if (configuration.getInputs() != null) {
            inputs.putAll(configuration.getInputs());
        }
        putAll(inputs, fromBody, "the inputs of the body");
        putAll(inputs, message.getHeader(DifyConstants.INPUTS), "the header " + DifyConstants.INPUTS);
        return inputs;
    }

    private void putAll(Map<String, Object> target, Object source, String what) {
        if (source == null) {
            return;
        }
        if (!(source instanceof Map<?, ?> map)) {
            throw invalid(what + " must be a Map of input variable names to values, not "
                    + source.getClass().getName());
        }
        map.forEach((k, v) -> target.put(String.valueOf(k), v));
    }

    /** Files from the files header, else from {@code fromBody}; {@code null} when there are none. */
    List<FileReference> files(Object fromBody) {
        Object source = message.getHeader(DifyConstants.FILES);
        String what = "the header " + DifyConstants.FILES;
        if (source == null) {
            source = fromBody;
            what = "the files of the body";
        }
        if (source == null) {
            return null;
        }
        Collection<?> items = source instanceof Collection<?> c ? c : List.of(source);
        List<FileReference> files = new ArrayList<>(items.size());
        for (Object item : items) {
            FileReference file;
            if (item instanceof FileReference ref) {
                file = ref;
            } else if (item instanceof Map<?, ?> map) {
                file = MAPPER.convertValue(map, FileReference.class);
            } else {
                throw invalid(what + " must hold FileReference objects or Maps with type, transfer_method and"
                        + " upload_file_id or url, not " + (item == null ? "null" : item.getClass().getName()));
            }
            if (file.transferMethod() == null) {
                // Dify silently drops such items (langgenius/dify api/factories/file_factory/builders.py); failing
                // here tells the user why
                throw invalid(what + ": a file without transfer_method (local_file or remote_url)");
            }
            files.add(file);
        }
        return files;
    }

    /** The conversation to continue: header, then {@code fromBody}, then option; empty means a new one. */
    String conversationId(Object fromBody) {
        String id = firstNonBlank(header(DifyConstants.CONVERSATION_ID),
                fromBody == null ? null : fromBody.toString(), configuration.getConversationId());
        if (id != null) {
            try {
                UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw invalid("conversation id '" + id + "' is not a UUID: use the id Dify returned in the header "
                        + DifyConstants.CONVERSATION_ID + ", or leave it empty to start a new conversation");
            }
        }
        return id;
    }

    /** The response mode the body asks for, else the option's. */
    String responseMode(String fromBody) {
        return fromBody != null ? fromBody : configuration.getResponseMode().name();
    }

    <T> T convert(Map<String, Object> map, Class<T> type) {
        try {
            return MAPPER.convertValue(map, type);
        } catch (IllegalArgumentException e) {
            throw invalid("the Map body cannot be read as a Dify " + type.getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("Dify " + operation + ": " + problem);
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
