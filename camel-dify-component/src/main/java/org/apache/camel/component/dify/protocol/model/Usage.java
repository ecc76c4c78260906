package org.apache.camel.component.dify.protocol.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/** Model usage of a message ({@code metadata.usage}); Dify sends prices as decimal strings. */
public record Usage(Integer promptTokens, BigDecimal promptUnitPrice, BigDecimal promptPriceUnit, BigDecimal promptPrice,
        Integer completionTokens, BigDecimal completionUnitPrice, BigDecimal completionPriceUnit,
        BigDecimal completionPrice, Integer totalTokens, BigDecimal totalPrice, String currency, Double latency,
        Double timeToFirstToken, Double timeToGenerate,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public Usage {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
