package org.apache.camel.component.dify.protocol.event;

/** {@code workflow_paused}: A workflow run paused, e.g. at a Human Input node. */
public class WorkflowPausedEvent extends DifyStreamEvent {

    private WorkflowPausedData data;

    public WorkflowPausedData getData() {
        return data;
    }
}
