package org.apache.camel.component.dify.protocol.event;

/** {@code loop_started}: A loop node started. */
public class LoopStartedEvent extends DifyStreamEvent {

    private IterationData data;

    public IterationData getData() {
        return data;
    }
}
