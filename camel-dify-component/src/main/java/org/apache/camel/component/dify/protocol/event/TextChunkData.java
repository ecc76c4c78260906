package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data of {@code text_chunk} and {@code text_replace}. Unknown fields are kept in {@code additionalProperties}. */
public record TextChunkData(String text,
        List<String> fromVariableSelector,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public TextChunkData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
