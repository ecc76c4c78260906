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

/**
 * What kind of failure a {@link DifyException} is, so a route can act on it (retry, dead-letter, alert) without
 * knowing Dify's codes. {@link #value()} is what the header CamelDifyErrorCategory carries.
 */
public enum DifyErrorCategory {

    /** Dify's app concurrency limit or a gateway's rate limit (429, 400 "Too many requests"): retry after a pause. */
    RATE_LIMIT,
    /** Dify or a gateway failed (5xx), or answered something that is not Dify's API. */
    SERVER,
    /** The request never left: connection refused, unknown host, TLS handshake, no pooled connection in time. */
    NETWORK_NOT_SENT,
    /** The connection failed after the request was (maybe partly) sent: Dify may have started working on it. */
    NETWORK_AFTER_SEND,
    /** No answer, or no event, in the configured time; Dify may have started working on the request. */
    TIMEOUT,
    /** Dify refused the request's content (400, 422): fix the request, do not retry it as is. */
    VALIDATION,
    /** The key is missing, wrong, revoked or of the other type (401, 403). */
    AUTH,
    /** The resource or the URL does not exist (404). */
    NOT_FOUND,
    /** A plan or provider quota is used up ({@code rate_limit_error}, {@code provider_quota_exceeded}). */
    QUOTA,
    /** The model provider failed or is not set up, or a workflow node failed. */
    PROVIDER,
    /** A file Dify does not take: too large (413) or of a type it does not allow (415). */
    CONTENT;

    /**
     * The category of any failure of a call: a {@link DifyException}'s own, {@link #VALIDATION} for bad input refused
     * before sending ({@link IllegalArgumentException}), {@code null} for anything else.
     */
    public static DifyErrorCategory of(Throwable failure) {
        if (failure instanceof DifyException dify) {
            return dify.getCategory();
        }
        return failure instanceof IllegalArgumentException ? VALIDATION : null;
    }

    /** The category as the header CamelDifyErrorCategory carries it, e.g. {@code rate_limit}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The coarser category of Camel's AI components (the exchange property CamelAiErrorCategory, Camel 4.23+):
     * {@code RATE_LIMIT}, {@code SERVER_ERROR}, {@code VALIDATION}, {@code AUTH} or {@code UNKNOWN}. A used-up quota is
     * {@code UNKNOWN} there, not {@code RATE_LIMIT}: waiting does not lift it.
     */
    public String aiCategory() {
        return switch (this) {
            case RATE_LIMIT -> "RATE_LIMIT";
            case SERVER -> "SERVER_ERROR";
            case VALIDATION, CONTENT -> "VALIDATION";
            case AUTH -> "AUTH";
            default -> "UNKNOWN";
        };
    }
}
