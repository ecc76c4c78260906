package org.apache.camel.component.dify.protocol.event;

import org.apache.camel.component.dify.protocol.model.WorkflowRunData;

/** {@code workflow_finished}: A workflow run ended: succeeded, partial-succeeded, failed or stopped. */
public class WorkflowFinishedEvent extends DifyStreamEvent {

    private WorkflowRunData data;

    public WorkflowRunData getData() {
        return data;
    }
}
