package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of {@code workflow_started}. Unknown fields are kept in {@code additionalProperties}. */
public record WorkflowStartedData(String id,
        String workflowId,
        Map<String, Object> inputs,
        Long createdAt,
        String reason,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public WorkflowStartedData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
