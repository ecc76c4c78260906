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
package org.apache.camel.component.dify.operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.model.WorkflowRunData;
import org.apache.camel.component.dify.protocol.model.WorkflowRunRequest;
import org.apache.camel.component.dify.protocol.model.WorkflowRunResult;
import org.apache.camel.component.dify.protocol.stream.DifyEventIterator;

/**
 * {@code workflowRun}: runs a Workflow app ({@code POST /workflows/run}, or {@code /workflows/{workflowId}/run} with
 * the option {@code workflowId}).
 * <p>
 * Body in: a Map of input variables (or a {@link WorkflowRunRequest}). Body out: the run's outputs map (or the
 * {@link WorkflowRunResult} with {@code fullResponse}). A failed run fails the exchange; a run paused at a Human
 * Input node returns with status {@code paused}.
 */
public final class WorkflowRunOperation implements DifyOperationHandler<Object> {

    @Override
    public List<String> endpoints() {
        return List.of("POST /workflows/run", "POST /workflows/{workflow_id}/run");
    }

    @Override
    public CompletableFuture<Object> start(DifyEndpoint endpoint, Exchange exchange) {
        ExchangeInputs in = new ExchangeInputs("workflowRun", endpoint, exchange);
        Object body = in.message().getBody();
        WorkflowRunRequest typed = body instanceof WorkflowRunRequest request ? request : null;
        Map<String, Object> inputsFromBody = typed != null ? typed.inputs() : in.mapBody();
        WorkflowRunRequest request = new WorkflowRunRequest(
                in.inputs(inputsFromBody),
                in.responseMode(typed == null ? null : typed.responseMode()),
                in.user(typed == null ? null : typed.user()),
                in.files(typed == null ? null : typed.files()));
        String workflowId = ExchangeInputs.firstNonBlank(in.configuration().getWorkflowId());
        if (EventDelivery.wanted(in, request.responseMode())) {
            return endpoint.clientFor(exchange)
                    .runWorkflowEvents(in.apiKey(), workflowId, request,
                            in.configuration().getEventBufferSize())
                    .thenApply(Object.class::cast);
        }
        return endpoint.clientFor(exchange).runWorkflow(in.apiKey(), workflowId, request).thenApply(Object.class::cast);
    }

    @Override
    public void complete(DifyEndpoint endpoint, Exchange exchange, Object result) {
        completeRun(endpoint, exchange, result);
    }

    /** The events, or the run folded into the message; shared by the operations whose answer is a workflow run. */
    static void completeRun(DifyEndpoint endpoint, Exchange exchange, Object result) {
        if (result instanceof DifyEventIterator events) {
            EventDelivery.deliver(exchange, events);
        } else {
            applyRun(endpoint, exchange, (WorkflowRunResult) result);
        }
    }

    /** Puts a run's outputs (or the typed result) and its ids into the message; shared with workflowEvents. */
    static void applyRun(DifyEndpoint endpoint, Exchange exchange, WorkflowRunResult result) {
        Message message = exchange.getMessage();
        WorkflowRunData data = result.data();
        if (endpoint.getConfiguration().isFullResponse()) {
            message.setBody(result);
        } else {
            message.setBody(data == null || data.outputs() == null ? Map.of() : data.outputs());
        }
        MessageResults.setIfPresent(message, DifyConstants.TASK_ID, result.taskId());
        MessageResults.setIfPresent(message, DifyConstants.WORKFLOW_RUN_ID, result.workflowRunId());
        if (data != null) {
            MessageResults.setIfPresent(message, DifyConstants.WORKFLOW_STATUS, data.status());
            MessageResults.setIfPresent(message, DifyConstants.TOTAL_TOKENS, data.totalTokens());
            MessageResults.setIfPresent(message, DifyConstants.LATENCY, data.elapsedTime());
        }
    }
}
