package org.apache.camel.component.dify.protocol.event;


import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data of {@code human_input_required}; a null {@code formToken} means the form is not deliverable through the API. Unknown fields are kept in {@code additionalProperties}. */
public record HumanInputRequiredData(String formId,
        String nodeId,
        String nodeTitle,
        String formContent,
        List<Map<String, Object>> inputs,
        List<Map<String, Object>> actions,
        Boolean displayInUi,
        String formToken,
        List<String> approvalChannels,
        Map<String, Object> resolvedDefaultValues,
        Long expirationTime,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public HumanInputRequiredData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
