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

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;

/**
 * Waits, on the client's timer, until a workflow run reaches a terminal status: to check that a stop stopped. Dify can
 * answer a stop with success while the run goes on (langgenius/dify #37755, #40966).
 */
public final class RunEnd {

    /** The statuses after which a run does nothing more (Dify's WorkflowExecutionStatus). */
    public static final Set<String> TERMINAL = Set.of("succeeded", "failed", "stopped", "partial-succeeded");
    /** The failure code of a stop after which the run still goes on. */
    public static final String STOP_NOT_EFFECTIVE = "stop_not_effective";

    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long LONGEST_PAUSE_MILLIS = 2000;

    private RunEnd() {
    }

    /**
     * The run's terminal status, read with {@code GET /workflows/run/{id}} until it has one; fails with
     * {@link #STOP_NOT_EFFECTIVE} and the last status seen when {@code timeoutMillis} pass first.
     */
    public static CompletableFuture<String> afterStop(DifyClient client, String operation, String apiKey,
            String workflowRunId, String taskId, long timeoutMillis) {
        DifyCall status = DifyCall.to(DifyApi.getWorkflowRun, operation)
                .apiKey(apiKey)
                .path("workflow_run_id", workflowRunId);
        return client.pollUntil(status, answer -> {
            String text = statusOf(answer);
            return text != null && TERMINAL.contains(text) ? text : null;
        }, timeoutMillis, FIRST_PAUSE_MILLIS, LONGEST_PAUSE_MILLIS,
                answer -> new DifyException(operation, 200, STOP_NOT_EFFECTIVE, "Dify answered the stop of task "
                        + taskId + " with success, but workflow run " + workflowRunId + " is still "
                        + statusOf(answer) + " after " + timeoutMillis + " ms", null, null));
    }

    private static String statusOf(Object answer) {
        Object state = answer instanceof Map<?, ?> run ? run.get("status") : null;
        return state == null ? null : state.toString();
    }
}
