package org.apache.camel.component.dify.protocol.event;

/** {@code text_chunk}: A piece of a Workflow's streamed output text. */
public class TextChunkEvent extends DifyStreamEvent {

    private TextChunkData data;

    public TextChunkData getData() {
        return data;
    }
}
