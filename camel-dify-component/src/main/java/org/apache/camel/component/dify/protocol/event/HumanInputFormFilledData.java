package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;

/** The data of {@code human_input_form_filled}. Unknown fields are kept in {@code additionalProperties}. */
public record HumanInputFormFilledData(String nodeId,
        String nodeTitle,
        String renderedContent,
        String actionId,
        String actionText,
        Map<String, Object> submittedData,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public HumanInputFormFilledData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
