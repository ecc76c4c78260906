package org.apache.camel.component.dify.protocol.event;

/** {@code text_replace}: Replaces a Workflow's output text (defined by Dify, not emitted today). */
public class TextReplaceEvent extends DifyStreamEvent {

    private TextChunkData data;

    public TextChunkData getData() {
        return data;
    }
}
