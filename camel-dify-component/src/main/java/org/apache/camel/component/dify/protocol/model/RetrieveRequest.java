package org.apache.camel.component.dify.protocol.model;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /datasets/{dataset_id}/retrieve}; {@code query} is at most 250 characters. */
public record RetrieveRequest(String query, RetrievalModel retrievalModel, Map<String, Object> externalRetrievalModel,
        List<String> attachmentIds) {
}
