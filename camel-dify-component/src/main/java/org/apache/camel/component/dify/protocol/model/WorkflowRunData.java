package org.apache.camel.component.dify.protocol.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A workflow run's outcome: {@code data} of a blocking run, or of the {@code workflow_finished} /
 * {@code workflow_paused} event of a stream.
 *
 * @param status {@code succeeded}, {@code partial-succeeded}, {@code failed}, {@code stopped} or {@code paused}
 */
public record WorkflowRunData(String id, String workflowId, String status, Map<String, Object> outputs, String error,
        Double elapsedTime, Long totalTokens, Integer totalSteps, Long createdAt, Long finishedAt,
        Integer exceptionsCount, List<Map<String, Object>> files,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public WorkflowRunData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
