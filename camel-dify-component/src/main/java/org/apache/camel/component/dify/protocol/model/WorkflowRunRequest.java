package org.apache.camel.component.dify.protocol.model;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /workflows/run} and {@code POST /workflows/{workflow_id}/run} (Workflow apps). */
public record WorkflowRunRequest(Map<String, Object> inputs, String responseMode, String user,
        List<FileReference> files) {
}
