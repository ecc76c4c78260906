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
package org.apache.camel.component.dify.internal.protocol.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * Aggregates a Workflow app's stream into the same {@link WorkflowRunResult} a blocking run returns. Terminal:
 * {@code workflow_finished} or {@code workflow_paused} (a Human Input node). Streamed {@code text_chunk} output is
 * kept as the partial answer, so a stalled run still reports what it produced.
 */
public final class WorkflowStreamAggregator extends StreamAggregator<WorkflowRunResult> {

    public WorkflowStreamAggregator(String operation, ObjectMapper mapper) {
        super(operation, mapper);
    }

    @Override
    protected void onOtherEvent(DifyEvent event) {
        if ("text_chunk".equals(event.name())) {
            appendAnswer(event.dataText("text"));
        }
    }

    @Override
    protected boolean terminated() {
        return workflowEnded;
    }

    @Override
    protected WorkflowRunResult result() {
        return new WorkflowRunResult(taskId, workflowRunId, workflowData, null);
    }
}
