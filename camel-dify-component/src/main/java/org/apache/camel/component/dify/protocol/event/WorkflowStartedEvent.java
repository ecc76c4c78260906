package org.apache.camel.component.dify.protocol.event;

/** {@code workflow_started}: A workflow run started, or resumed ({@code data.reason} is {@code resumption}). */
public class WorkflowStartedEvent extends DifyStreamEvent {

    private WorkflowStartedData data;

    public WorkflowStartedData getData() {
        return data;
    }
}
