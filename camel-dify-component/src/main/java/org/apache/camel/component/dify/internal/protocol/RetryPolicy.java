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
package org.apache.camel.component.dify.internal.protocol;

import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.component.dify.api.DifyErrorCategory;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec;

/**
 * Which failed calls the client sends again, and when. The client is the one retry owner: a failure it does not retry
 * reaches the caller at once, classified ({@link DifyException#getCategory()}), for the caller's own error handling.
 * <p>
 * Sent again, at most {@code maxRetries} times and only while no event of a stream has arrived: a request that never
 * left, a rate limit (429, Dify's 400 "Too many requests"), a gateway's 502/503/504, and for idempotent endpoints (reads,
 * stops, updates and deletes by id) a connection lost after sending. A generation (chat, completion, workflow and
 * pipeline runs) is sent again only with {@code retryGenerations}; creations and uploads only when they never left or
 * were refused by a rate limit. Never: quota, provider, validation, auth, not-found or content errors.
 *
 * @param maxRetries       retries per call; -1 for the default (2, and 0 for generations without retryGenerations)
 * @param retryGenerations whether generations may be sent again (Dify bills every run that starts)
 * @param backoffMillis    the first pause; each retry doubles it, with jitter
 * @param maxDelayMillis   the longest pause; a {@code Retry-After} beyond it is not waited for (the call fails)
 */
public record RetryPolicy(int maxRetries, boolean retryGenerations, long backoffMillis, long maxDelayMillis) {

    /** The default retries of an endpoint that allows them. */
    public static final int DEFAULT_RETRIES = 2;

    /** No retries at all. */
    public static final RetryPolicy NONE = new RetryPolicy(0, false, 0, 0);

    /** How many times a call of {@code spec} may be sent again. */
    public int retriesFor(ApiSpec spec) {
        if (isGeneration(spec) && !retryGenerations) {
            return 0;
        }
        return maxRetries < 0 ? DEFAULT_RETRIES : maxRetries;
    }

    /** Whether a call of {@code spec} that failed with {@code failure} may be sent again. */
    public boolean allows(ApiSpec spec, DifyException failure) {
        if (failure.getProgress().eventCount() > 0) {
            return false;
        }
        boolean notSent = failure.getCategory() == DifyErrorCategory.NETWORK_NOT_SENT && failure.isRetryable();
        boolean rateLimited = failure.getCategory() == DifyErrorCategory.RATE_LIMIT;
        int status = failure.getHttpStatus();
        boolean gateway = status == 502 || status == 503 || status == 504;
        if (spec.idempotent()) {
            return notSent || rateLimited || gateway || failure.getCategory() == DifyErrorCategory.NETWORK_AFTER_SEND;
        }
        if (isGeneration(spec)) {
            return retryGenerations && (notSent || rateLimited || gateway);
        }
        return notSent || rateLimited;
    }

    /**
     * The pause before retry number {@code retry} (0 for the first): the server's {@code Retry-After} when it sent
     * one, else exponential from {@code backoffMillis} with jitter; -1 when {@code Retry-After} exceeds the ceiling.
     */
    public long delayMillis(int retry, long retryAfterMillis) {
        if (retryAfterMillis >= 0) {
            return retryAfterMillis > maxDelayMillis ? -1 : retryAfterMillis;
        }
        long exponential = backoffMillis << Math.min(retry, 20);
        long bounded = Math.min(Math.max(0, exponential), maxDelayMillis);
        // equal jitter: half fixed, half random, so simultaneous failures do not retry in step
        return bounded / 2 + (bounded < 2 ? 0 : ThreadLocalRandom.current().nextLong(bounded / 2 + 1));
    }

    private static boolean isGeneration(ApiSpec spec) {
        return spec.stream() != null && !spec.idempotent();
    }
}
