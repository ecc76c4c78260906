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

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.api.WorkflowRunRequest;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;

/**
 * {@code workflowRun}: runs a Workflow app ({@code POST /workflows/run}, or {@code /workflows/{workflow_id}/run} with
 * the option {@code workflowId}).
 * <p>
 * Body in: a Map of input variables (or a {@link WorkflowRunRequest}). Body out: the run's outputs map (or the
 * {@link WorkflowRunResult} with {@code fullResponse}). A failed run fails the exchange; a run paused at a Human
 * Input node returns with status {@code paused}.
 */
final class WorkflowRunBinding extends StreamedBinding {

    /** The one instance: a binding holds no state. */
    public static final WorkflowRunBinding INSTANCE = new WorkflowRunBinding();

    private WorkflowRunBinding() {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        Object body = in.message().getBody();
        WorkflowRunRequest typed = body instanceof WorkflowRunRequest request ? request : null;
        // any other body is the inputs as a Map, JSON object text or an object with the input names; an Integer or a
        // JSON array fails here instead of running the workflow with no inputs
        Map<String, Object> inputsFromBody = typed != null ? typed.inputs() : body == null ? null : in.requestFields();
        WorkflowRunRequest request = new WorkflowRunRequest(
                in.inputs(inputsFromBody),
                in.responseMode(typed == null ? null : typed.responseMode()),
                in.user(typed == null ? null : typed.user()),
                in.files(typed == null ? null : typed.files()));
        String workflowId = ExchangeInputs.firstNonBlank(in.configuration().getWorkflowId());
        DifyCall call = workflowId == null
                ? in.call(DifyApi.runWorkflow)
                : in.call(DifyApi.runWorkflowById).path("workflow_id", workflowId);
        return in.stream(call.user(request.user()).json(request), request.responseMode());
    }
}
