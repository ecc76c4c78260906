package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data of {@code workflow_paused}. Unknown fields are kept in {@code additionalProperties}. */
public record WorkflowPausedData(String workflowRunId,
        List<String> pausedNodes,
        Map<String, Object> outputs,
        List<Map<String, Object>> reasons,
        String status,
        Long createdAt,
        Double elapsedTime,
        Long totalTokens,
        Integer totalSteps,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public WorkflowPausedData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
