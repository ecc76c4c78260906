package org.apache.camel.component.dify.protocol.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/** The {@code metadata} of a message: usage, the knowledge chunks the answer cites, annotation reply. */
public record MessageMetadata(Usage usage, List<Map<String, Object>> retrieverResources,
        Map<String, Object> annotationReply,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public MessageMetadata {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
