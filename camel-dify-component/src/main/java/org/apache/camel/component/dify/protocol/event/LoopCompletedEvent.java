package org.apache.camel.component.dify.protocol.event;

/** {@code loop_completed}: A loop node completed. */
public class LoopCompletedEvent extends DifyStreamEvent {

    private IterationData data;

    public IterationData getData() {
        return data;
    }
}
