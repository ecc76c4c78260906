package org.apache.camel.component.dify.protocol.event;

/** {@code iteration_started}: An iteration node started. */
public class IterationStartedEvent extends DifyStreamEvent {

    private IterationData data;

    public IterationData getData() {
        return data;
    }
}
