package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of {@code reasoning_chunk}. Unknown fields are kept in {@code additionalProperties}. */
public record ReasoningChunkData(String messageId,
        String reasoning,
        String nodeId,
        Boolean isFinal,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public ReasoningChunkData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
