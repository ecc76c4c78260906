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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;

/** Maps an error response to a {@link DifyException}: Dify's {@code {code, message, status}} or any other body. */
public final class DifyErrors {

    private static final int SNIPPET = 200;

    private DifyErrors() {
    }

    /** The failure a stage of a CompletableFuture saw, without the CompletionException the chain wrapped it in. */
    public static Throwable causeOf(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * @param baseUrl          the API root the request went to, for the hint on a 404 without {@code /v1}
     * @param retryAfterMillis the response's {@code Retry-After}, or -1
     * @param serverVersion    the response's {@code X-Version}, or {@code null}: named when the server lacks an API
     */
    public static DifyException fromResponse(ObjectMapper mapper, DifyRequest request, String baseUrl, int status,
            String contentType, byte[] body, long retryAfterMillis, String serverVersion) {
        String operation = request.operation();
        KeyType keyType = request.keyType();
        String code = null;
        String message = null;
        try {
            JsonNode json = body.length == 0 ? null : mapper.readTree(body);
            if (json != null && json.isObject()) {
                code = json.hasNonNull("code") ? json.get("code").asText() : null;
                message = json.hasNonNull("message") ? json.get("message").asText() : null;
            }
        } catch (Exception e) {
            // not JSON: described below from the raw text
        }
        if (code == null && message == null) {
            message = describeRaw(contentType, body);
        }
        if (status == 401 && keyType != null) {
            String hint = "operation " + operation + " needs " + keyType.description()
                    + "; a key of the other type, a revoked or a mistyped key all give this error";
            message = message == null || message.isEmpty() ? hint : message + " (" + hint + ")";
        }
        if (status == 404 && baseUrl != null && !baseUrl.endsWith("/v1")
                && (code == null || "not_found".equals(code))) {
            String hint = "the option baseUrl is " + baseUrl + ": Dify's Service API root ends with /v1 (e.g."
                    + " https://api.dify.ai/v1 or http://your-host/v1)";
            message = message == null || message.isEmpty() ? hint : message + " (" + hint + ")";
        }
        // a Dify without the Agent Knowledge Base API routes /knowledge-fs/... nowhere (older than 1.17), or answers
        // Flask's own 404 when KNOWLEDGE_FS_ENABLED is off (langgenius/dify
        // api/controllers/service_api/knowledge_fs/resources.py); a missing knowledge base has its own error instead
        if (status == 404 && request.path().startsWith(AGENT_KNOWLEDGE_PATH) && isRouteNotFound(code, message)) {
            return new DifyException(operation, status, DifyException.AGENT_KNOWLEDGE_BASE_UNAVAILABLE,
                    "this Dify" + (serverVersion == null ? "" : " (version " + serverVersion + ")")
                            + " does not serve the Agent Knowledge Base API (" + AGENT_KNOWLEDGE_PATH
                            + "...): it needs Dify 1.17 or later with KnowledgeFS enabled",
                    null, null, true, retryAfterMillis);
        }
        return new DifyException(operation, status, code, message, null, null, true, retryAfterMillis);
    }

    /** Where the Agent Knowledge Base API lies below the API root. */
    public static final String AGENT_KNOWLEDGE_PATH = "/knowledge-fs/";

    // Flask's answer for a URL no route matches (werkzeug NotFound), as Dify's error handler words it
    private static boolean isRouteNotFound(String code, String message) {
        return (code == null || "not_found".equals(code)) && message != null
                && message.startsWith("The requested URL was not found on the server");
    }

    /** A readable summary of a non-JSON body, such as a proxy's HTML error page. */
    static String describeRaw(String contentType, byte[] body) {
        String type = contentType == null ? "no content type" : contentType;
        if (body.length == 0) {
            return "empty response (" + type + ")";
        }
        String text = new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8);
        if (type.toLowerCase(Locale.ROOT).contains("html")) {
            text = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
        }
        text = text.replaceAll("\\s+", " ").trim();
        if (text.length() > SNIPPET) {
            text = text.substring(0, SNIPPET) + "...";
        }
        return "non-JSON response (" + type + "), likely from a proxy or gateway in front of Dify: " + text;
    }

    /** Which kind of API key an operation takes, for the hint on a 401. */
    public enum KeyType {

        APP("an app API key (app-...)"),
        DATASET("a knowledge (dataset) API key (dataset-...)");

        private final String description;

        KeyType(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }
}
