package org.apache.camel.component.dify.protocol.event;

/** {@code loop_next}: A loop moved to its next round ({@code data.index}). */
public class LoopNextEvent extends DifyStreamEvent {

    private IterationData data;

    public IterationData getData() {
        return data;
    }
}
