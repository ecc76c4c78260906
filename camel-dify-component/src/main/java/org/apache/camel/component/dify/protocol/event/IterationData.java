package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of the iteration and loop events; fields not sent by an event are null. Unknown fields are kept in {@code additionalProperties}. */
public record IterationData(String id,
        String nodeId,
        String nodeType,
        String title,
        Integer index,
        Long createdAt,
        Map<String, Object> extras,
        Map<String, Object> metadata,
        Map<String, Object> inputs,
        Boolean inputsTruncated,
        Object preLoopOutput,
        Map<String, Object> outputs,
        Boolean outputsTruncated,
        String status,
        String error,
        Double elapsedTime,
        Long totalTokens,
        Map<String, Object> executionMetadata,
        Long finishedAt,
        Integer steps,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public IterationData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
