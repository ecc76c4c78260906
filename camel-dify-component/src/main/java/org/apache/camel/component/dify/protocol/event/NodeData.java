package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data of {@code node_started}, {@code node_finished} and {@code node_retry}; finish-only fields are null on start. Unknown fields are kept in {@code additionalProperties}. */
public record NodeData(String id,
        String nodeId,
        String nodeType,
        String title,
        Integer index,
        String predecessorNodeId,
        Map<String, Object> inputs,
        Boolean inputsTruncated,
        Map<String, Object> processData,
        Boolean processDataTruncated,
        Map<String, Object> outputs,
        Boolean outputsTruncated,
        String status,
        String error,
        Double elapsedTime,
        Map<String, Object> executionMetadata,
        Long createdAt,
        Long finishedAt,
        List<Map<String, Object>> files,
        Map<String, Object> extras,
        String iterationId,
        String loopId,
        Map<String, Object> agentStrategy,
        Integer retryIndex,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public NodeData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
