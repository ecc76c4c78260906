package org.apache.camel.component.dify.protocol.model;

import java.util.Map;

/**
 * {@code retrieval_model} of a knowledge retrieval. Dify requires {@code searchMethod}, {@code rerankingEnable},
 * {@code topK} and {@code scoreThresholdEnabled} whenever the object is sent.
 *
 * @param searchMethod {@code semantic_search}, {@code full_text_search}, {@code hybrid_search} or
 *                     {@code keyword_search}
 */
public record RetrievalModel(String searchMethod, Boolean rerankingEnable, Map<String, Object> rerankingModel,
        String rerankingMode, Map<String, Object> weights, Integer topK, Boolean scoreThresholdEnabled,
        Double scoreThreshold, Map<String, Object> metadataFilteringConditions) {
}
