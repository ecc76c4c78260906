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

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.DifyClient;
import org.apache.camel.component.dify.protocol.PageIterator;
import org.apache.camel.component.dify.protocol.transport.DifyErrors.KeyType;
import org.apache.camel.component.dify.protocol.transport.RequestBody;
import org.apache.camel.component.dify.protocol.transport.StreamedBody;

/**
 * A Dify endpoint described as data, for the operations that need no more than the generic treatment: path and
 * query parameters from the exchange, a JSON body from a Map, the answer as a Map. One line in {@link
 * org.apache.camel.component.dify.DifyOperation} declares each such operation, e.g.
 * {@code renameConversation(ApiCall.post("/conversations/{conversation_id}/name").userIn(UserIn.BODY))}.
 * <p>
 * A parameter (path or query) named {@code x_y} is read from the header {@code CamelDifyParameters} (a Map by Dify's
 * names), else from its own header and option where the component has one ({@code conversation_id}:
 * {@code CamelDifyConversationId} / {@code conversationId}), else from the option of the same meaning.
 */
public final class ApiCall implements DifyOperationHandler<Object> {

    /** Where Dify reads the end-user id for this endpoint (Dify's OpenAPI spec: query, JSON body or form field). */
    public enum UserIn {
        NONE,
        QUERY,
        BODY,
        /** A field of the multipart form. */
        FORM
    }

    /** Which item of a page names the cursor of the next page. */
    public enum Cursor {
        NONE,
        /** {@code last_id}: the id of the page's last item (lists that go forward). */
        LAST,
        /** {@code first_id}: the id of the page's first item (message history, which goes backward). */
        FIRST,
        /** {@code page}: page-numbered lists; the cursor is the next page number. */
        PAGE
    }

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    /** The parameters that have a header and an option of their own. */
    private static final Map<String, Source> SOURCES = Map.ofEntries(
            Map.entry("conversation_id",
                    new Source(DifyConstants.CONVERSATION_ID, DifyConfiguration::getConversationId)),
            Map.entry("message_id", new Source(DifyConstants.MESSAGE_ID, DifyConfiguration::getMessageId)),
            Map.entry("file_id", new Source(DifyConstants.FILE_ID, c -> null)),
            Map.entry("dataset_id", new Source(DifyConstants.DATASET_ID, DifyConfiguration::getDatasetId)),
            Map.entry("document_id", new Source(DifyConstants.DOCUMENT_ID, DifyConfiguration::getDocumentId)),
            Map.entry("workflow_run_id",
                    new Source(DifyConstants.WORKFLOW_RUN_ID, DifyConfiguration::getWorkflowRunId)),
            Map.entry("limit", new Source(null, c -> c.getLimit() == null ? null : String.valueOf(c.getLimit()))));

    private record Source(String header, Function<DifyConfiguration, String> option) {
    }

    private final String method;
    private final String path;
    private String operation = "api";
    private KeyType keyType = KeyType.APP;
    private UserIn userIn = UserIn.NONE;
    private List<String> queryParameters = List.of();
    private Cursor cursor = Cursor.NONE;
    private boolean body = true;
    private boolean binary;
    private String fileField;
    private boolean settingsPart;

    private ApiCall(String method, String path) {
        this.method = method;
        this.path = path;
    }

    public static ApiCall get(String path) {
        return new ApiCall("GET", path);
    }

    public static ApiCall post(String path) {
        return new ApiCall("POST", path);
    }

    public static ApiCall patch(String path) {
        return new ApiCall("PATCH", path);
    }

    public static ApiCall put(String path) {
        return new ApiCall("PUT", path);
    }

    public static ApiCall delete(String path) {
        return new ApiCall("DELETE", path);
    }

    /** A successful answer that is not JSON (audio, a file) is the body as an InputStream, read as it arrives. */
    public ApiCall binaryResponse() {
        this.binary = true;
        return this;
    }

    /**
     * The request is a multipart form whose part {@code field} is the file in the message body (File, Path, byte[],
     * InputStream or a file: component file, streamed), as for uploadFile.
     */
    public ApiCall multipart(String field) {
        this.fileField = field;
        return this;
    }

    /**
     * The multipart form also carries the part {@code data}: the JSON of the header CamelDifyDocumentSettings
     * (indexing_technique, process_rule, doc_form, ...), as Dify's document-by-file endpoints expect.
     */
    public ApiCall withSettingsPart() {
        this.settingsPart = true;
        return this;
    }

    /** The endpoint takes no request body (Dify's DELETE endpoints that read nothing). */
    public ApiCall noBody() {
        this.body = false;
        return this;
    }

    /** Where Dify reads {@code user}; the value comes from the header CamelDifyUser or the option user. */
    public ApiCall userIn(UserIn where) {
        this.userIn = where;
        return this;
    }

    /** The query parameters the endpoint takes, by Dify's names. */
    public ApiCall query(String... names) {
        this.queryParameters = List.of(names);
        return this;
    }

    /** A list endpoint: sets CamelDifyHasMore and CamelDifyNextCursor from the page. */
    public ApiCall paged(Cursor next) {
        this.cursor = next;
        return this;
    }

    /** The endpoint takes a knowledge (dataset) key instead of an app key. */
    public ApiCall datasetKey() {
        this.keyType = KeyType.DATASET;
        return this;
    }

    /** Called once by the operation table with the operation's name, for errors and logs. */
    public void named(String name) {
        this.operation = name;
    }

    @Override
    public List<String> endpoints() {
        return List.of(method + " " + path);
    }

    // ---- the declaration, read by the reference docs ----

    public KeyType keyType() {
        return keyType;
    }

    public UserIn userIn() {
        return userIn;
    }

    public List<String> queryParameters() {
        return queryParameters;
    }

    public Cursor cursor() {
        return cursor;
    }

    public boolean isBinary() {
        return binary;
    }

    /** The multipart field of the file in the body, or {@code null} when the request is not multipart. */
    public String fileField() {
        return fileField;
    }

    public boolean hasSettingsPart() {
        return settingsPart;
    }

    /** The header that sets a parameter besides CamelDifyParameters, or {@code null} when it has none. */
    public static String headerFor(String parameter) {
        Source source = SOURCES.get(parameter);
        return source == null ? null : source.header();
    }

    @Override
    public CompletableFuture<Object> start(DifyEndpoint endpoint, Exchange exchange) {
        ExchangeInputs in = new ExchangeInputs(operation, endpoint, exchange);
        Map<String, Object> parameters = parameters(in);
        StringBuilder target = new StringBuilder();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            String value = required(in, parameters, matcher.group(1));
            matcher.appendReplacement(target, Matcher.quoteReplacement(DifyClient.segment(value)));
        }
        matcher.appendTail(target);
        boolean allPages = cursor != Cursor.NONE && in.configuration().isAllPages();
        String cursorName = cursorParameter();
        char separator = '?';
        for (String name : queryParameters) {
            List<String> values = name.equals("user") || (allPages && name.equals(cursorName))
                    ? List.of()
                    : queryValues(in, parameters, name);
            // an array parameter (tag_ids, status) repeats, one value each: Dify's spec declares them in form style
            for (String value : values) {
                target.append(separator).append(name).append('=').append(DifyClient.query(value));
                separator = '&';
            }
        }
        if (userIn == UserIn.QUERY) {
            target.append(separator).append("user=").append(DifyClient.query(in.user()));
            separator = '&';
        }
        if (allPages) {
            return allPages(endpoint.getClient(), in.apiKey(), target.toString(), separator + cursorName + "=",
                    parameter(in, parameters, cursorName));
        }
        if (fileField != null) {
            Map<String, String> fields = new LinkedHashMap<>();
            if (userIn == UserIn.FORM) {
                fields.put("user", in.user());
            }
            Object settings = in.message().getHeader(DifyConstants.DOCUMENT_SETTINGS);
            if (settingsPart && settings != null) {
                if (!(settings instanceof Map<?, ?>)) {
                    throw in.invalid("the header " + DifyConstants.DOCUMENT_SETTINGS + " must be a Map of Dify's"
                            + " document settings (indexing_technique, process_rule, ...)");
                }
                fields.put("data", endpoint.getClient().toJson(settings));
            }
            RequestBody form = new RequestBody.Multipart(fields, fileField, UploadFileOperation.source(in, exchange));
            return endpoint.getClient()
                    .call(operation, keyType, method, target.toString(), in.apiKey(), form,
                            binary);
        }
        Object json = null;
        if (!method.equals("GET") && body) {
            Map<String, Object> fields = in.requestFields();
            if (userIn == UserIn.BODY) {
                fields.putIfAbsent("user", in.user());
            }
            json = fields;
        }
        return endpoint.getClient().call(operation, keyType, method, target.toString(), in.apiKey(), json, binary);
    }

    // every page is requested with the same path and filters; only the cursor's value changes
    private CompletableFuture<Object> allPages(DifyClient client, String apiKey, String target, String cursorPrefix,
            String startCursor) {
        Function<String, CompletableFuture<Object>> fetch = at -> client.call(operation, keyType, "GET",
                at == null ? target : target + cursorPrefix + DifyClient.query(at), apiKey, (Object) null, false);
        return fetch.apply(startCursor).thenApply(first -> new PageIterator(first, this::nextCursor, fetch));
    }

    private String cursorParameter() {
        return switch (cursor) {
            case LAST -> "last_id";
            case FIRST -> "first_id";
            case PAGE -> "page";
            case NONE -> null;
        };
    }

    /** The cursor of the page after {@code page}, or {@code null} when it is the last. */
    private String nextCursor(Map<?, ?> page) {
        if (!Boolean.TRUE.equals(page.get("has_more"))) {
            return null;
        }
        if (cursor == Cursor.PAGE) {
            return page.get("page") instanceof Number number ? String.valueOf(number.intValue() + 1) : null;
        }
        if (page.get("data") instanceof List<?> items && !items.isEmpty()) {
            Object item = cursor == Cursor.LAST ? items.get(items.size() - 1) : items.get(0);
            if (item instanceof Map<?, ?> fields && fields.get("id") != null) {
                return String.valueOf(fields.get("id"));
            }
        }
        return null;
    }

    /**
     * A path parameter of an operation that is not an ApiCall, resolved the same way (CamelDifyParameters, then its
     * own header and option); fails naming where to set it.
     */
    static String requiredParameter(ExchangeInputs in, String name) {
        return required(in, parameters(in), name);
    }

    private static String required(ExchangeInputs in, Map<String, Object> parameters, String name) {
        String value = parameter(in, parameters, name);
        if (value == null) {
            throw in.invalid("no " + name + ": " + describeSource(name));
        }
        return value;
    }

    private static Map<String, Object> parameters(ExchangeInputs in) {
        Object map = in.message().getHeader(DifyConstants.PARAMETERS);
        if (map == null) {
            return Map.of();
        }
        if (!(map instanceof Map<?, ?> given)) {
            throw in.invalid("the header " + DifyConstants.PARAMETERS + " must be a Map of Dify parameter names to"
                    + " values");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        given.forEach((k, v) -> parameters.put(String.valueOf(k), v));
        return parameters;
    }

    /** A query parameter's values: each element of a Collection or array given in CamelDifyParameters, else one. */
    private static List<String> queryValues(ExchangeInputs in, Map<String, Object> parameters, String name) {
        Object explicit = parameters.get(name);
        if (explicit instanceof Collection<?> many) {
            return many.stream().filter(Objects::nonNull).map(String::valueOf).toList();
        }
        if (explicit instanceof Object[] many) {
            return Arrays.stream(many).filter(Objects::nonNull).map(String::valueOf).toList();
        }
        String value = parameter(in, parameters, name);
        return value == null ? List.of() : List.of(value);
    }

    private static String parameter(ExchangeInputs in, Map<String, Object> parameters, String name) {
        Object explicit = parameters.get(name);
        if (explicit != null) {
            return String.valueOf(explicit);
        }
        Source source = SOURCES.get(name);
        if (source == null) {
            return null;
        }
        return ExchangeInputs.firstNonBlank(source.header() == null ? null : in.header(source.header()),
                source.option().apply(in.configuration()));
    }

    private static String describeSource(String name) {
        Source source = SOURCES.get(name);
        String own = source == null ? ""
                : (source.header() != null ? "the header " + source.header() + ", " : "")
                        + "the option " + toCamelCase(name) + ", or ";
        return "set " + own + "the entry " + name + " of the header " + DifyConstants.PARAMETERS;
    }

    private static String toCamelCase(String name) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    @Override
    public void complete(DifyEndpoint endpoint, Exchange exchange, Object result) {
        Message message = exchange.getMessage();
        message.setBody(result);
        if (result instanceof PageIterator pages) {
            EventDelivery.closeWhenDone(exchange, pages);
            return;
        }
        if (result instanceof StreamedBody stream) {
            if (stream.getContentType() != null) {
                message.setHeader(Exchange.CONTENT_TYPE, stream.getContentType());
            }
            EventDelivery.closeWhenDone(exchange, stream);
            return;
        }
        if (cursor != Cursor.NONE && result instanceof Map<?, ?> page) {
            Object hasMore = page.get("has_more");
            if (hasMore != null) {
                message.setHeader(DifyConstants.HAS_MORE, hasMore);
            }
            String next = nextCursor(page);
            if (next != null) {
                message.setHeader(DifyConstants.NEXT_CURSOR, next);
            }
        }
    }
}
