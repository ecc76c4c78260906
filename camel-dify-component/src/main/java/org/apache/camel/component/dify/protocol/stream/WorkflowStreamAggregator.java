package org.apache.camel.component.dify.protocol.stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.component.dify.protocol.model.WorkflowRunResult;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;

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
