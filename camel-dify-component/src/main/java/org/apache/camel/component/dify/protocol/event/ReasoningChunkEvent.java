package org.apache.camel.component.dify.protocol.event;

/** {@code reasoning_chunk}: A piece of a model's separated reasoning. */
public class ReasoningChunkEvent extends DifyStreamEvent {

    private ReasoningChunkData data;

    public ReasoningChunkData getData() {
        return data;
    }
}
