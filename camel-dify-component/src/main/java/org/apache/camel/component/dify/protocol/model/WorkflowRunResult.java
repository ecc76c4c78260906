package org.apache.camel.component.dify.protocol.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/** The result of a workflow run: {@code {task_id, workflow_run_id, data}} as in Dify's blocking response. */
public record WorkflowRunResult(String taskId, String workflowRunId, WorkflowRunData data,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public WorkflowRunResult {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
