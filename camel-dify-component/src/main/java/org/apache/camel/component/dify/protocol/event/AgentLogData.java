package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of {@code agent_log}. Unknown fields are kept in {@code additionalProperties}. */
public record AgentLogData(String nodeExecutionId,
        String id,
        String label,
        String parentId,
        String error,
        String status,
        Map<String, Object> data,
        Map<String, Object> metadata,
        String nodeId,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public AgentLogData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
