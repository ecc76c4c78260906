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

import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyTaskType;
import org.apache.camel.component.dify.internal.protocol.RunEnd;
import org.apache.camel.component.dify.internal.protocol.api.Cursor;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;

/**
 * {@code stop}: stops a running chat, completion or workflow task (option {@code taskType}); the task id comes from
 * the header {@code CamelDifyTaskId}, and {@code user} must be the one that started it (Dify silently ignores other
 * users' chat and completion tasks). Body out: Dify's answer, {@code {result=success}}. The running stream then ends
 * normally ({@code message_end}, or {@code workflow_finished} with status {@code stopped}).
 */
final class StopBinding implements DifyBinding<Object> {

    /** The one instance: a binding holds no state. */
    public static final StopBinding INSTANCE = new StopBinding();

    private StopBinding() {
    }

    /** A stop whose effect was checked: Dify's answer and the run's terminal status. */
    private record Verified(Object answer, String status) {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        String taskId = in.requiredParameter("task_id");
        String runId = in.configuration().isVerifyStop() ? in.parameter("workflow_run_id") : null;
        if (in.configuration().isVerifyStop() && runId == null) {
            throw in.invalid("verifyStop needs the run's id to check it: set the header "
                    + DifyConstants.WORKFLOW_RUN_ID + " or the option workflowRunId (a Workflow or Chatflow run)");
        }
        DifyCall stop = in.call(stopApi(in.configuration().getTaskType())).path("task_id", taskId).user(in.user());
        CompletableFuture<Object> stopped = in.client().send(stop);
        if (runId == null) {
            return stopped;
        }
        return stopped.thenCompose(answer -> RunEnd.afterStop(in.client(), in.operation().name(), in.apiKey(), runId,
                taskId, in.configuration().getStopVerifyTimeout()).thenApply(status -> new Verified(answer, status)));
    }

    // the task type decides the endpoint: Dify has one stop per app family
    private static DifyApi stopApi(DifyTaskType taskType) {
        return switch (taskType) {
            case chat -> DifyApi.stopChat;
            case completion -> DifyApi.stopCompletion;
            case workflow -> DifyApi.stopWorkflow;
        };
    }

    @Override
    public void complete(ExchangeInputs in, Object result) {
        if (result instanceof Verified verified) {
            ResultHeaders.answer(in.exchange(), verified.answer(), Cursor.NONE);
            in.message().setHeader(DifyConstants.WORKFLOW_STATUS, verified.status());
        } else {
            ResultHeaders.answer(in.exchange(), result, Cursor.NONE);
        }
    }
}
