package org.apache.camel.component.dify.protocol.event;

/** {@code iteration_next}: An iteration moved to its next item ({@code data.index}). */
public class IterationNextEvent extends DifyStreamEvent {

    private IterationData data;

    public IterationData getData() {
        return data;
    }
}
