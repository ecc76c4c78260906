package org.apache.camel.component.dify.protocol.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/** Response of a knowledge retrieval: the query echoed and the matching chunks, best first. */
public record RetrieveResult(Map<String, Object> query, List<RetrieveRecord> records,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public RetrieveResult {
        records = records == null ? List.of() : records;
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
