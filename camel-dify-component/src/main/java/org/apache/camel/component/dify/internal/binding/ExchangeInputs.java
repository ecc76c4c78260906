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
package org.apache.camel.component.dify.internal.binding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyDelivery;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.DifyOperation;
import org.apache.camel.component.dify.DifyResponseMode;
import org.apache.camel.component.dify.api.FileReference;
import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.api.Delivery;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.transport.CallTrace;

/**
 * What an operation reads from its exchange, with one precedence rule for every value: header, then body, then
 * endpoint option. A Dify parameter (path or query) is read from the entry of that name in the header
 * CamelDifyParameters, then from its own header and option where the component has one ({@code conversation_id}:
 * CamelDifyConversationId / conversationId). Every missing or unusable value fails with a message naming the header or
 * option to set.
 */
public final class ExchangeInputs {

    static final ObjectMapper MAPPER = DifyJson.newMapper();

    /** The Dify parameters that have a header and (where not {@code null}) an option of their own. */
    private static final Map<String, Source> SOURCES = Map.ofEntries(
            Map.entry("conversation_id", new Source(DifyConstants.CONVERSATION_ID, "conversationId",
                    DifyConfiguration::getConversationId)),
            Map.entry("message_id", new Source(DifyConstants.MESSAGE_ID, "messageId", DifyConfiguration::getMessageId)),
            Map.entry("file_id", new Source(DifyConstants.FILE_ID, null, c -> null)),
            Map.entry("dataset_id", new Source(DifyConstants.DATASET_ID, "datasetId", DifyConfiguration::getDatasetId)),
            Map.entry("knowledge_base_id", new Source(DifyConstants.KNOWLEDGE_BASE_ID, "knowledgeBaseId",
                    DifyConfiguration::getKnowledgeBaseId)),
            Map.entry("document_id", new Source(DifyConstants.DOCUMENT_ID, "documentId",
                    DifyConfiguration::getDocumentId)),
            Map.entry("workflow_run_id", new Source(DifyConstants.WORKFLOW_RUN_ID, "workflowRunId",
                    DifyConfiguration::getWorkflowRunId)),
            Map.entry("form_token", new Source(DifyConstants.FORM_TOKEN, "formToken", DifyConfiguration::getFormToken)),
            Map.entry("task_id", new Source(DifyConstants.TASK_ID, null, c -> null)),
            Map.entry("batch", new Source(DifyConstants.BATCH, null, c -> null)),
            Map.entry("limit", new Source(null, "limit",
                    c -> c.getLimit() == null ? null : String.valueOf(c.getLimit()))));

    private record Source(String header, String option, Function<DifyConfiguration, String> value) {
    }

    private final DifyOperation operation;
    private final EndpointServices services;
    private final Exchange exchange;
    private final Message message;
    private final DifyConfiguration configuration;
    private CallTrace trace;

    public ExchangeInputs(DifyOperation operation, DifyConfiguration configuration, EndpointServices services,
            Exchange exchange) {
        this.operation = operation;
        this.services = services;
        this.exchange = exchange;
        this.message = exchange.getMessage();
        this.configuration = configuration;
    }

    /**
     * The operation an exchange runs: the header CamelDifyOperation, else the endpoint's.
     *
     * @throws IllegalArgumentException neither names a producer operation
     */
    public static DifyOperation operationOf(DifyEndpoint endpoint, Exchange exchange) {
        String override = exchange.getMessage().getHeader(DifyConstants.OPERATION, String.class);
        if (override != null && !override.isBlank()) {
            return DifyOperation.fromName(override.trim());
        }
        DifyOperation operation = endpoint.getOperation();
        if (operation == null) {
            throw new IllegalArgumentException("No Dify operation: name it in the URI (dify:chat) or set the header "
                    + DifyConstants.OPERATION);
        }
        return operation;
    }

    public DifyOperation operation() {
        return operation;
    }

    EndpointServices services() {
        return services;
    }

    public Exchange exchange() {
        return exchange;
    }

    DifyConfiguration configuration() {
        return configuration;
    }

    Message message() {
        return message;
    }

    /**
     * The client for this exchange's calls: they send the exchange's trace and session ids, and its streams are also
     * shown to the dify:events consumers.
     */
    DifyClient client() {
        return services.client().observedBy(services.observers().apply(exchange.getExchangeId())).tracedBy(trace());
    }

    /**
     * The trace of this exchange's calls, made at the first call: the trace id (header, then option), else the
     * message's W3C traceparent, and the session id (header, then option).
     *
     * @throws IllegalArgumentException a trace or session id Dify would ignore or refuse
     */
    public CallTrace trace() {
        if (trace == null) {
            String traceId = firstNonBlank(header(DifyConstants.TRACE_ID), configuration.getTraceId());
            if (traceId != null && !CallTrace.isValidTraceId(traceId)) {
                throw invalid("the trace id '" + traceId + "' (header " + DifyConstants.TRACE_ID
                        + " or option traceId) is not 1 to " + CallTrace.MAX_TRACE_ID_LENGTH
                        + " characters of A-Z, a-z, 0-9, _ and -: Dify would ignore it");
            }
            String sessionHeader = header(DifyConstants.TRACE_SESSION_ID);
            String sessionId = sessionHeader != null ? sessionHeader : configuration.getTraceSessionId();
            if (sessionId != null && !CallTrace.isValidSessionId(sessionId)) {
                throw invalid("the trace session id (header " + DifyConstants.TRACE_SESSION_ID
                        + " or option traceSessionId) must be 1 to " + CallTrace.MAX_SESSION_ID_LENGTH
                        + " characters after trimming; it has " + sessionId.trim().length());
            }
            trace = new CallTrace(traceId, traceId == null ? header(DifyConstants.TRACEPARENT) : null, sessionId);
        }
        return trace;
    }

    /** The trace of the calls made so far; {@code null} before the first. */
    public CallTrace traceSoFar() {
        return trace;
    }

    /** A call of {@code api} under this operation's name, with the exchange's API key. */
    DifyCall call(DifyApi api) {
        return DifyCall.to(api, operation.name()).apiKey(apiKey());
    }

    /**
     * Starts a streamed call: its events one by one with {@code streamMode=events}, else folded into the endpoint's
     * result.
     *
     * @param responseMode the response mode the request asks for ({@code null} when the endpoint has none)
     */
    CompletableFuture<Object> stream(DifyCall call, String responseMode) {
        DifyDelivery delivery = delivery();
        boolean blocking = DifyResponseMode.blocking.name().equals(responseMode);
        if (blocking && delivery != DifyDelivery.blocking && delivery != DifyDelivery.aggregate) {
            throw invalid("delivery=" + delivery + " needs a streamed answer, but the body asks for"
                    + " response_mode=blocking: remove it, or use delivery=blocking");
        }
        if (delivery.isDetached()) {
            return client().startDetached(call, delivery == DifyDelivery.detachedDrain).thenApply(Object.class::cast);
        }
        Delivery<?> handling = delivery.isEvents()
                ? Delivery.events(configuration.getEventBufferSize())
                : Delivery.aggregated(Object.class);
        return client().stream(call, handling).thenApply(Object.class::cast);
    }

    /** How the answer reaches the route: the option delivery, else the deprecated options'. */
    DifyDelivery delivery() {
        try {
            return configuration.resolveDelivery();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    String apiKey() {
        String key = firstNonBlank(header(DifyConstants.API_KEY), configuration.getApiKey());
        if (key == null) {
            throw invalid("no API key: set the option apiKey (or camel.component.dify.apiKey) or the header "
                    + DifyConstants.API_KEY);
        }
        if (DifyConfiguration.hasControlCharacter(key)) {
            throw invalid("the API key (header " + DifyConstants.API_KEY + " or option apiKey) contains a control"
                    + " character (CR, LF, tab, ...): it cannot be sent in an HTTP header");
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

    /** {@code text} as a JSON object, or {@code null} when it is not one. */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObject(String text) {
        try {
            Object parsed = MAPPER.readValue(text, Object.class);
            return parsed instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        } catch (java.io.IOException e) {
            return null;
        }
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
        return fromBody != null ? fromBody
                : delivery() == DifyDelivery.blocking ? DifyResponseMode.blocking.name()
                        : DifyResponseMode.streaming.name();
    }

    /** A Dify parameter that must be set; fails naming where to set it. */
    String requiredParameter(String name) {
        String value = parameter(name);
        if (value == null) {
            Source source = SOURCES.get(name);
            String own = source == null ? ""
                    : (source.header() != null ? "the header " + source.header() + ", " : "")
                            + (source.option() != null ? "the option " + source.option() + ", " : "");
            throw invalid("no " + name + ": set " + own + (own.isEmpty() ? "" : "or ") + "the entry " + name
                    + " of the header " + DifyConstants.PARAMETERS);
        }
        return value;
    }

    /** A Dify parameter, or {@code null} when none is set. */
    String parameter(String name) {
        Object explicit = parameters().get(name);
        if (explicit != null) {
            return String.valueOf(explicit);
        }
        Source source = SOURCES.get(name);
        if (source == null) {
            return null;
        }
        return firstNonBlank(source.header() == null ? null : header(source.header()),
                source.value().apply(configuration));
    }

    /** A query parameter's values: each element of a Collection or array given in CamelDifyParameters, else one. */
    List<String> parameterValues(String name) {
        Object explicit = parameters().get(name);
        if (explicit instanceof Collection<?> many) {
            return many.stream().filter(Objects::nonNull).map(String::valueOf).toList();
        }
        if (explicit instanceof Object[] many) {
            return Arrays.stream(many).filter(Objects::nonNull).map(String::valueOf).toList();
        }
        String value = parameter(name);
        return value == null ? List.of() : List.of(value);
    }

    /** The header that sets a Dify parameter besides CamelDifyParameters, or {@code null} when it has none. */
    public static String headerFor(String parameter) {
        Source source = SOURCES.get(parameter);
        return source == null ? null : source.header();
    }

    private Map<String, Object> parameters() {
        Object map = message.getHeader(DifyConstants.PARAMETERS);
        if (map == null) {
            return Map.of();
        }
        if (!(map instanceof Map<?, ?> given)) {
            throw invalid("the header " + DifyConstants.PARAMETERS + " must be a Map of Dify parameter names to"
                    + " values");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        given.forEach((k, v) -> parameters.put(String.valueOf(k), v));
        return parameters;
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
