package org.apache.camel.component.dify.protocol.model;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /completion-messages} (Text Generator apps). */
public record CompletionRequest(Map<String, Object> inputs, String query, String responseMode, String user,
        List<FileReference> files) {
}
