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
package org.apache.camel.component.dify.protocol;

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
    /** A knowledge pipeline datasource node failed: its {@code datasource_error} event. */
    public static final String DATASOURCE_ERROR = "datasource_error";

    private static final Set<String> RETRYABLE_CODES = Set.of("too_many_requests", CONNECTION_FAILED);

    private final String operation;
    private final int httpStatus;
    private final String code;
    private final String difyMessage;
    private final StreamProgress progress;

    public DifyException(String operation, int httpStatus, String code, String difyMessage, StreamProgress progress,
            Throwable cause) {
        super(describe(operation, httpStatus, code, difyMessage, progress), cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.code = code;
        this.difyMessage = difyMessage;
        this.progress = progress == null ? StreamProgress.NONE : progress;
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

    /**
     * Whether sending the same request again may succeed, following Dify's guidance (errors guide): the app
     * concurrency limit, 5xx and connection failures are retryable; validation, auth, not-found, quota and provider
     * errors are not. Note that a retried generation may run (and bill) twice when the first attempt reached Dify.
     */
    public boolean isRetryable() {
        if (code != null && RETRYABLE_CODES.contains(code) || httpStatus >= 500) {
            return true;
        }
        // Dify's concurrency limit may surface as 400 invalid_param instead of 429 (langgenius/dify
        // api/core/app/features/rate_limiting/rate_limit.py)
        return httpStatus == 400 && "invalid_param".equals(code) && difyMessage != null
                && difyMessage.startsWith("Too many requests");
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
