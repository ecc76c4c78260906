package org.apache.camel.component.dify.protocol.model;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /chat-messages} (Chatbot, Agent, Chatflow and New Agent apps). */
public record ChatRequest(String query, Map<String, Object> inputs, String responseMode, String user,
        String conversationId, List<FileReference> files, Boolean autoGenerateName, String workflowId) {
}
