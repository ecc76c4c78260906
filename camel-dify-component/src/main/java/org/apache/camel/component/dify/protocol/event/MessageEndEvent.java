package org.apache.camel.component.dify.protocol.event;

import java.util.List;
import java.util.Map;
import org.apache.camel.component.dify.protocol.model.MessageMetadata;

/** {@code message_end}: The message is complete: usage, retriever resources and files. */
public class MessageEndEvent extends DifyStreamEvent {

    private String id;

    private MessageMetadata metadata;

    private List<Map<String, Object>> files;

    public String getId() {
        return id;
    }

    public MessageMetadata getMetadata() {
        return metadata;
    }

    public List<Map<String, Object>> getFiles() {
        return files;
    }
}
