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
package org.apache.camel.component.dify.internal.protocol.trigger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors;

/**
 * Finds the run a webhook call started. Dify's webhook answers before the run exists and does not name it, so the run
 * is looked up in the app's workflow logs: the oldest run with {@code triggered_from} webhook, created since the call,
 * that no earlier lookup of the same caller claimed. Calls of the same webhook from elsewhere at the same moment can
 * make the match ambiguous; a payload field the workflow echoes in its inputs is the way to tell them apart then.
 */
public final class WebhookRuns {

    private static final long FIRST_PAUSE_MILLIS = 200;
    private static final long LONGEST_PAUSE_MILLIS = 2000;

    private final DifyClient client;
    private final Set<String> claimed;

    /**
     * @param claimed the runs earlier lookups matched, shared by the lookups of one caller
     */
    public WebhookRuns(DifyClient client, Set<String> claimed) {
        this.client = client;
        this.claimed = claimed;
    }

    /**
     * Calls a webhook trigger, sending the call again while Dify answers 404 {@code App trigger not found}: right after
     * a workflow is published its trigger is not registered yet (langgenius/dify #42386), and that answer means no run
     * started, so sending again cannot start a second one. At most {@code retries} more calls, pausing
     * {@code backoffMillis}, doubled each time up to {@code maxDelayMillis}, on the client's timer; any other answer
     * ends the calls.
     */
    public static CompletableFuture<Object> callWebhook(DifyClient client, String url, Object payload, int retries,
            long backoffMillis, long maxDelayMillis) {
        return client.callWebhook(url, payload).handle((answer, failure) -> {
            Throwable cause = DifyErrors.causeOf(failure);
            if (cause == null) {
                return CompletableFuture.completedFuture(answer);
            }
            if (retries > 0 && triggerNotYetRegistered(cause)) {
                long next = Math.min(Math.max(1, backoffMillis) * 2, Math.max(backoffMillis, maxDelayMillis));
                return client.after(backoffMillis)
                        .thenCompose(paused -> callWebhook(client, url, payload, retries - 1, next, maxDelayMillis));
            }
            return CompletableFuture.<Object>failedFuture(cause);
        }).thenCompose(Function.identity());
    }

    /** Dify's answer to a webhook whose trigger it does not know (yet): 404 {@code App trigger not found}. */
    static boolean triggerNotYetRegistered(Throwable failure) {
        return failure instanceof DifyException dify && dify.getHttpStatus() == 404 && dify.getDifyMessage() != null
                && dify.getDifyMessage().toLowerCase(Locale.ROOT).contains("app trigger not found");
    }

    /**
     * The id of the run a webhook call made at {@code calledAt} (epoch seconds) started, polling the logs with the app
     * key {@code apiKey} until {@code timeoutMillis}; fails with {@link DifyException#TIMEOUT} when none shows.
     */
    public CompletableFuture<String> find(String apiKey, long calledAt, long timeoutMillis) {
        return client.pollUntil(logsSince("triggerWebhook", apiKey, calledAt), this::claimOldest, timeoutMillis,
                FIRST_PAUSE_MILLIS, LONGEST_PAUSE_MILLIS, answer -> new DifyException("triggerWebhook", 0,
                        DifyException.TIMEOUT,
                        "no run started by the webhook showed in the workflow logs in time (requestTimeout)"));
    }

    /**
     * The first page (100 entries, newest first) of a Workflow app's logs from {@code epochSeconds} on, with Dify's
     * {@code created_at__after} filter (ISO-8601, inclusive to the second); add {@code page} for the next ones.
     */
    public static DifyCall logsSince(String operation, String apiKey, long epochSeconds) {
        return DifyCall.to(DifyApi.listWorkflowLogs, operation)
                .apiKey(apiKey)
                .query("limit", "100")
                .query("created_at__after", Instant.ofEpochSecond(epochSeconds).toString());
    }

    // newest first: the oldest unclaimed webhook run of a page of logs is this call's; null when none is yet
    private String claimOldest(Object answer) {
        List<?> items = answer instanceof Map<?, ?> page && page.get("data") instanceof List<?> data ? data : List.of();
        for (int i = items.size() - 1; i >= 0; i--) {
            Map<?, ?> run = items.get(i) instanceof Map<?, ?> log && log.get("workflow_run") instanceof Map<?, ?> r
                    ? r
                    : Map.of();
            String id = run.get("id") == null ? null : run.get("id").toString();
            if (id != null && "webhook".equals(run.get("triggered_from")) && claimed.add(id)) {
                return id;
            }
        }
        return null;
    }
}
