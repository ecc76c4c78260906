package org.apache.camel.component.dify.protocol.event;

/** {@code iteration_completed}: An iteration node completed. */
public class IterationCompletedEvent extends DifyStreamEvent {

    private IterationData data;

    public IterationData getData() {
        return data;
    }
}
