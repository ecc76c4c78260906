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

import java.util.Set;
import java.util.regex.Pattern;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;

/**
 * The correlation of one unit of work with Dify: the trace and session ids its calls send, so that the traces Dify
 * records (Langfuse, LangSmith, Opik, ... configured on the app) join the caller's, and what Dify's answers said about
 * the server: its version and the trace id it used. Shared by every call one exchange makes; the last answer wins.
 * <p>
 * Dify reads the trace id from {@code X-Trace-Id}, else from a W3C {@code traceparent}, and ignores one that is not 1
 * to 128 characters of {@code [A-Za-z0-9_-]}; it answers 400 to a session id ({@code X-Trace-Session-Id}) that is not 1
 * to 200 characters after trimming (langgenius/dify api/core/helper/trace_id_helper.py). Every Dify response carries
 * {@code X-Version}, the server's version (langgenius/dify api/extensions/ext_app_metrics.py).
 */
public final class CallTrace {

    public static final String TRACE_ID_HEADER = "X-Trace-Id";
    public static final String TRACEPARENT_HEADER = "traceparent";
    public static final String SESSION_ID_HEADER = "X-Trace-Session-Id";
    public static final String VERSION_HEADER = "X-Version";
    /** The Agent Knowledge Base query-stream's query record id (docs.dify.ai, API reference, Run Query). */
    public static final String QUERY_RUN_ID_HEADER = "x-query-run-id";
    public static final int MAX_TRACE_ID_LENGTH = 128;
    public static final int MAX_SESSION_ID_LENGTH = 200;

    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_TRACE_ID_LENGTH + "}");
    // version 00 and later: version-traceid-parentid-flags, lower-case hex, the all-zero ids invalid (W3C Trace Context)
    private static final Pattern TRACEPARENT = Pattern
            .compile("[0-9a-f]{2}-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");

    private final String traceId;
    private final String traceparent;
    private final String sessionId;
    private volatile String serverVersion;
    private volatile String answeredTraceId;
    private volatile String queryRunId;

    /**
     * @param traceId     sent as {@code X-Trace-Id}; {@code null} for none; must pass {@link #isValidTraceId}
     * @param traceparent a W3C {@code traceparent} to forward; {@code null} or one that is not well-formed is not sent
     * @param sessionId   sent as {@code X-Trace-Session-Id}, trimmed; {@code null} for none; must pass
     *                    {@link #isValidSessionId}
     */
    public CallTrace(String traceId, String traceparent, String sessionId) {
        if (traceId != null && !isValidTraceId(traceId)) {
            throw new IllegalArgumentException("a trace id must be 1 to " + MAX_TRACE_ID_LENGTH
                    + " characters of A-Z, a-z, 0-9, _ and -");
        }
        if (sessionId != null && !isValidSessionId(sessionId)) {
            throw new IllegalArgumentException("a trace session id must be 1 to " + MAX_SESSION_ID_LENGTH
                    + " characters after trimming");
        }
        this.traceId = traceId;
        this.traceparent = traceparent != null && TRACEPARENT.matcher(traceparent.trim()).matches()
                ? traceparent.trim()
                : null;
        this.sessionId = sessionId == null ? null : sessionId.trim();
    }

    /** Whether Dify takes {@code value} as a trace id rather than ignoring it. */
    public static boolean isValidTraceId(String value) {
        return value != null && TRACE_ID.matcher(value).matches();
    }

    /** Whether Dify takes {@code value} as a trace session id rather than answering 400. */
    public static boolean isValidSessionId(String value) {
        if (value == null) {
            return false;
        }
        int length = value.trim().length();
        return length >= 1 && length <= MAX_SESSION_ID_LENGTH;
    }

    /** Adds the trace's headers but those the call sets itself ({@code taken}, any case). */
    void addTo(AsyncRequestBuilder request, Set<String> taken) {
        add(request, taken, TRACE_ID_HEADER, traceId);
        add(request, taken, TRACEPARENT_HEADER, traceparent);
        add(request, taken, SESSION_ID_HEADER, sessionId);
    }

    private static void add(AsyncRequestBuilder request, Set<String> taken, String name, String value) {
        if (value != null && taken.stream().noneMatch(name::equalsIgnoreCase)) {
            request.addHeader(name, value);
        }
    }

    /** Keeps what an answer says: its server {@code version} (X-Version, read by the caller), trace and query ids. */
    void observe(String version, HttpResponse response) {
        if (version != null) {
            serverVersion = version;
        }
        Header queryRun = response.getFirstHeader(QUERY_RUN_ID_HEADER);
        if (queryRun != null && !queryRun.getValue().isBlank()) {
            queryRunId = queryRun.getValue().trim();
        }
        Header trace = response.getFirstHeader(TRACE_ID_HEADER);
        if (trace != null && !trace.getValue().isBlank()) {
            answeredTraceId = trace.getValue().trim();
        }
    }

    /** Dify's version as its last answer stated it ({@code X-Version}), or {@code null} before any answer. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The query record id an Agent Knowledge Base query-stream answered with, or {@code null}. */
    public String queryRunId() {
        return queryRunId;
    }

    /**
     * The trace id of the calls: the one Dify's answer named, else the one sent ({@code X-Trace-Id}, or the trace id
     * of the {@code traceparent}, which Dify takes then); {@code null} when there is none.
     */
    public String traceId() {
        if (answeredTraceId != null) {
            return answeredTraceId;
        }
        if (traceId != null) {
            return traceId;
        }
        return traceparent == null ? null : traceparent.substring(3, 35);
    }

    @Override
    public String toString() {
        return "CallTrace[traceId=" + traceId() + ", sessionId=" + sessionId + ", serverVersion=" + serverVersion + "]";
    }
}
