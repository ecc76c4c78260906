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
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.DifyStreamMode;

/**
 * {@code workflowEvents}: follows a Workflow or Chatflow run that is already going ({@code GET
 * /workflow/{workflow_run_id}/events}), e.g. after a dropped connection or once a Human Input form was submitted.
 * <p>
 * The run comes from the header {@code CamelDifyWorkflowRunId} or the option {@code workflowRunId}; {@code user}
 * must be the one that started it. Body out as for {@code workflowRun}: the outputs map, or with
 * {@code streamMode=events} the events.
 */
public final class WorkflowEventsOperation implements DifyOperationHandler<Object> {

    @Override
    public List<String> endpoints() {
        return List.of("GET /workflow/{workflow_run_id}/events");
    }

    @Override
    public CompletableFuture<Object> start(DifyEndpoint endpoint, Exchange exchange) {
        ExchangeInputs in = new ExchangeInputs("workflowEvents", endpoint, exchange);
        var config = in.configuration();
        String runId = ExchangeInputs.firstNonBlank(in.header(DifyConstants.WORKFLOW_RUN_ID),
                config.getWorkflowRunId());
        if (runId == null) {
            throw in.invalid("no workflow run: set the header " + DifyConstants.WORKFLOW_RUN_ID
                    + " or the option workflowRunId");
        }
        String user = in.user();
        String apiKey = in.apiKey();
        if (config.getStreamMode() == DifyStreamMode.events) {
            return endpoint.clientFor(exchange)
                    .workflowEventStream(apiKey, runId, user, config.isIncludeStateSnapshot(),
                            config.isContinueOnPause(), config.getEventBufferSize())
                    .thenApply(Object.class::cast);
        }
        return endpoint.clientFor(exchange)
                .workflowEvents(apiKey, runId, user, config.isIncludeStateSnapshot(),
                        config.isContinueOnPause())
                .thenApply(Object.class::cast);
    }

    @Override
    public void complete(DifyEndpoint endpoint, Exchange exchange, Object result) {
        WorkflowRunOperation.completeRun(endpoint, exchange, result);
    }
}
