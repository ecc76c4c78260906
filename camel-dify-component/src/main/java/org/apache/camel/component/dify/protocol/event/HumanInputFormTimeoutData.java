package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of {@code human_input_form_timeout}. Unknown fields are kept in {@code additionalProperties}. */
public record HumanInputFormTimeoutData(String nodeId,
        String nodeTitle,
        Long expirationTime,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public HumanInputFormTimeoutData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
