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

import java.util.Locale;
import java.util.Set;

/**
 * The one failure type of the Dify client: an HTTP error response, an {@code error} event inside a stream, a failed
 * workflow run, a stream that ended or stalled before its terminal event, or a transport failure.
 * <p>
 * It never carries the API key. {@link #getProgress()} holds what a stream delivered before it failed (partial
 * answer, task, conversation, message and workflow-run ids), so a route can log it, show it or resume.
 */
public class DifyException extends RuntimeException {

    /** Client-side codes, for failures that Dify itself did not report with a code. */
    public static final String STREAM_IDLE_TIMEOUT = "stream_idle_timeout";
    public static final String STREAM_INCOMPLETE = "stream_incomplete";
    public static final String WORKFLOW_FAILED = "workflow_failed";
    public static final String INVALID_RESPONSE = "invalid_response";
    public static final String CONNECTION_FAILED = "connection_failed";
    public static final String TIMEOUT = "timeout";
    /** The TLS handshake failed (certificate, protocol): nothing was sent, and sending again fails the same way. */
    public static final String TLS_FAILED = "tls_failed";
    /** The base URL's host name does not resolve: nothing was sent; check the option baseUrl. */
    public static final String UNKNOWN_HOST = "unknown_host";
    /** A workflow version pinned with workflow_id that the plan may not run (403); permanent: change the request. */
    public static final String WORKFLOW_VERSION_NOT_ALLOWED = "workflow_version_execution_not_allowed";
    /** A knowledge pipeline datasource node failed: its {@code datasource_error} event. */
    public static final String DATASOURCE_ERROR = "datasource_error";
    /** Dify reported the document's indexing as {@code error}; the message is Dify's indexing error text. */
    public static final String INDEXING_FAILED = "indexing_failed";
    /** The document was not indexed before the wait's deadline; Dify may still finish it. */
    public static final String INDEXING_TIMEOUT = "indexing_timeout";
    /** The knowledge base runs a knowledge pipeline, which documents created with the document API bypass. */
    public static final String KNOWLEDGE_PIPELINE = "knowledge_pipeline";

    /**
     * An Agent Knowledge Base query ended with {@code answer.error} (possibly after answer deltas, under HTTP 200): the
     * partial text is not an answer; a new query (from a new query token) may succeed.
     */
    public static final String AGENT_QUERY_FAILED = "agent_query_failed";
    /**
     * The Dify answering does not serve the Agent Knowledge Base API ({@code /knowledge-fs/...}): it is older than 1.17,
     * or KnowledgeFS is not enabled on it; the message names the version it answered with.
     */
    public static final String AGENT_KNOWLEDGE_BASE_UNAVAILABLE = "agent_knowledge_base_unavailable";

    /** Client codes of failures that happen again, however often the request is sent. */
    private static final Set<String> NOT_RETRYABLE_CODES = Set.of(INVALID_RESPONSE, TLS_FAILED, UNKNOWN_HOST);
    /** Dify's codes of a used-up plan or provider quota: retrying does not help. */
    private static final Set<String> QUOTA_CODES = Set.of("rate_limit_error", "provider_quota_exceeded",
            "quota_exceeded");
    /** Dify's codes of a model provider that failed or is not set up. */
    private static final Set<String> PROVIDER_CODES = Set.of("provider_not_initialize", "model_currently_not_support",
            "completion_request_error", WORKFLOW_FAILED, DATASOURCE_ERROR);

    private final String operation;
    private final int httpStatus;
    private final String code;
    private final String difyMessage;
    private final StreamProgress progress;
    private final DifyErrorCategory category;
    private final boolean mayHaveReachedDify;
    private final long retryAfterMillis;
    // set once, when the failure reaches the caller: the exception is made before the answer's headers are at hand
    private volatile String serverVersion;
    private volatile String traceId;

    /**
     * @param mayHaveReachedDify whether the request may have reached Dify (false only when it certainly never left)
     * @param retryAfterMillis   the server's {@code Retry-After}, in milliseconds, or -1 when it sent none
     */
    public DifyException(String operation, int httpStatus, String code, String difyMessage, StreamProgress progress,
            Throwable cause, boolean mayHaveReachedDify, long retryAfterMillis) {
        super(describe(operation, httpStatus, code, difyMessage, progress), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.code = code;
        this.difyMessage = difyMessage;
        this.progress = progress == null ? StreamProgress.NONE : progress;
        this.mayHaveReachedDify = mayHaveReachedDify;
        this.retryAfterMillis = retryAfterMillis;
        this.category = categorize(httpStatus, code, difyMessage, mayHaveReachedDify);
    }

    public DifyException(String operation, int httpStatus, String code, String difyMessage, StreamProgress progress,
            Throwable cause) {
        this(operation, httpStatus, code, difyMessage, progress, cause, true, -1);
    }

    public DifyException(String operation, int httpStatus, String code, String difyMessage) {
        this(operation, httpStatus, code, difyMessage, null, null);
    }

    /** The component operation that failed, e.g. {@code chat}. */
    public String getOperation() {
        return operation;
    }

    /** The HTTP status of the response (200 for failures inside a stream), or 0 when no response arrived. */
    public int getHttpStatus() {
        return httpStatus;
    }

    /** Dify's error {@code code} (e.g. {@code invalid_param}), or one of this class's client-side codes. */
    public String getCode() {
        return code;
    }

    /** Dify's error {@code message}, or the client's description of the failure. */
    public String getDifyMessage() {
        return difyMessage;
    }

    /** What a stream delivered before failing; {@link StreamProgress#NONE} for non-streaming failures. */
    public StreamProgress getProgress() {
        return progress;
    }

    /** What kind of failure this is. */
    public DifyErrorCategory getCategory() {
        return category;
    }

    /**
     * Whether the request may have reached Dify: false only when it certainly never left (refused connection, unknown
     * host, TLS handshake, no pooled connection), so even a generation is safe to send again.
     */
    public boolean mayHaveReachedDify() {
        return mayHaveReachedDify;
    }

    /** How long the server asked to wait before trying again ({@code Retry-After}), in milliseconds; -1 for none. */
    public long getRetryAfterMillis() {
        return retryAfterMillis;
    }

    /** Dify's version, from the {@code X-Version} header of its answer; {@code null} when no answer named it. */
    public String getServerVersion() {
        return serverVersion;
    }

    /**
     * The trace id of the failed call (the one Dify's answer named, else the one sent), to find the run in Dify's
     * traces; {@code null} when there is none.
     */
    public String getTraceId() {
        return traceId;
    }

    /**
     * Records the server version and trace id of the call that failed, keeping any already recorded; they are added to
     * the message. Called by the component when the failure reaches the caller.
     *
     * @return this exception
     */
    public DifyException withServerFacts(String version, String trace) {
        if (serverVersion == null) {
            serverVersion = version;
        }
        if (traceId == null) {
            traceId = trace;
        }
        return this;
    }

    @Override
    public String getMessage() {
        String message = super.getMessage();
        String version = serverVersion;
        String trace = traceId;
        if (version == null && trace == null) {
            return message;
        }
        StringBuilder facts = new StringBuilder(message).append(" [");
        if (version != null) {
            facts.append("Dify ").append(version);
        }
        if (trace != null) {
            facts.append(version == null ? "" : ", ").append("trace id ").append(trace);
        }
        return facts.append(']').toString();
    }

    /**
     * Whether sending the same request again may succeed, following Dify's guidance (errors guide): rate limits,
     * server errors, timeouts and network failures are retryable; validation, auth, not-found, quota, provider and
     * content errors are not. A retried generation may run (and bill) twice when {@link #mayHaveReachedDify()}.
     */
    public boolean isRetryable() {
        return switch (category) {
            case RATE_LIMIT, SERVER, NETWORK_NOT_SENT, NETWORK_AFTER_SEND, TIMEOUT ->
                code == null || !NOT_RETRYABLE_CODES.contains(code) || httpStatus >= 500;
            default -> false;
        };
    }

    private static DifyErrorCategory categorize(int status, String code, String message, boolean reached) {
        if (code != null && QUOTA_CODES.contains(code)) {
            return DifyErrorCategory.QUOTA;
        }
        if (INDEXING_FAILED.equals(code)) {
            return DifyErrorCategory.PROVIDER; // an embedding model or a parser failed on Dify's side
        }
        if (INDEXING_TIMEOUT.equals(code)) {
            return DifyErrorCategory.TIMEOUT;
        }
        if (KNOWLEDGE_PIPELINE.equals(code) || AGENT_KNOWLEDGE_BASE_UNAVAILABLE.equals(code)) {
            return DifyErrorCategory.VALIDATION;
        }
        if (AGENT_QUERY_FAILED.equals(code)) {
            return DifyErrorCategory.SERVER; // the query failed upstream mid-answer: asking again may succeed
        }
        // a pinned workflow version (workflow_id) that the plan may not run: no wait lifts it, the request must change
        // (Dify docs, API reference, chat messages: 403 workflow_version_execution_not_allowed)
        if (WORKFLOW_VERSION_NOT_ALLOWED.equals(code)) {
            return DifyErrorCategory.VALIDATION;
        }
        // Dify Cloud's plan limits on knowledge writes are 403 forbidden, told apart by their message (langgenius/dify
        // api/controllers/service_api/wraps.py)
        if (status == 403 && message != null) {
            if (message.contains("request rate limit")) {
                return DifyErrorCategory.RATE_LIMIT;
            }
            if (message.contains("limit of your subscription") || message.contains("upgrade to a paid plan")) {
                return DifyErrorCategory.QUOTA;
            }
        }
        if (code != null && PROVIDER_CODES.contains(code)) {
            return DifyErrorCategory.PROVIDER;
        }
        if (TIMEOUT.equals(code) || STREAM_IDLE_TIMEOUT.equals(code)) {
            return reached ? DifyErrorCategory.TIMEOUT : DifyErrorCategory.NETWORK_NOT_SENT;
        }
        if (status == 0) {
            return reached ? DifyErrorCategory.NETWORK_AFTER_SEND : DifyErrorCategory.NETWORK_NOT_SENT;
        }
        // Dify's concurrency limit may surface as 400 invalid_param instead of 429 (langgenius/dify
        // api/core/app/features/rate_limiting/rate_limit.py)
        if (status == 429 || "too_many_requests".equals(code)
                || status == 400 && "invalid_param".equals(code) && message != null
                        && message.startsWith("Too many requests")) {
            return DifyErrorCategory.RATE_LIMIT;
        }
        if (STREAM_INCOMPLETE.equals(code)) {
            return DifyErrorCategory.NETWORK_AFTER_SEND;
        }
        if (status == 401 || status == 403) {
            return DifyErrorCategory.AUTH;
        }
        if (status == 404) {
            return DifyErrorCategory.NOT_FOUND;
        }
        if (status == 413 || status == 415 || "file_too_large".equals(code) || "unsupported_file_type".equals(code)) {
            return DifyErrorCategory.CONTENT;
        }
        if (status >= 500 || INVALID_RESPONSE.equals(code)) {
            return DifyErrorCategory.SERVER;
        }
        if (status >= 400) {
            return DifyErrorCategory.VALIDATION;
        }
        // an error event inside a stream (HTTP 200) with a code of no known kind
        return DifyErrorCategory.SERVER;
    }

    private static String describe(String operation, int httpStatus, String code, String message,
            StreamProgress progress) {
        StringBuilder sb = new StringBuilder("Dify ").append(operation).append(" failed");
        if (httpStatus > 0) {
            sb.append(": HTTP ").append(httpStatus);
        } else {
            sb.append(':');
        }
        if (code != null) {
            sb.append(' ').append(code);
        }
        if (message != null && !message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (progress != null && progress.eventCount() > 0) {
            sb.append(String.format(Locale.ROOT, " (after %d events", progress.eventCount()));
            if (progress.taskId() != null) {
                sb.append(", task ").append(progress.taskId());
            }
            if (progress.workflowRunId() != null) {
                sb.append(", workflow run ").append(progress.workflowRunId());
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
