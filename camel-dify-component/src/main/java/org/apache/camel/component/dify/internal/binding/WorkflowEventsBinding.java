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

import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;

/**
 * {@code workflowEvents}: follows a Workflow or Chatflow run that is already going ({@code GET
 * /workflow/{workflow_run_id}/events}), e.g. after a dropped connection or once a Human Input form was submitted.
 * <p>
 * The run comes from the header {@code CamelDifyWorkflowRunId} or the option {@code workflowRunId}; {@code user}
 * must be the one that started it. Body out as for {@code workflowRun}: the outputs map, or with
 * {@code streamMode=events} the events.
 */
final class WorkflowEventsBinding extends StreamedBinding {

    /** The one instance: a binding holds no state. */
    public static final WorkflowEventsBinding INSTANCE = new WorkflowEventsBinding();

    private WorkflowEventsBinding() {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        DifyConfiguration config = in.configuration();
        return in.stream(in.call(DifyApi.workflowEvents)
                .path("workflow_run_id", in.requiredParameter("workflow_run_id"))
                .user(in.user())
                .query("include_state_snapshot", config.isIncludeStateSnapshot())
                .query("continue_on_pause", config.isContinueOnPause()), null);
    }
}
