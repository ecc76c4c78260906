/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.apache.camel.component.dify.internal.binding;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifySearchMethod;
import org.apache.camel.component.dify.api.RetrievalModel;
import org.apache.camel.component.dify.api.RetrieveRequest;
import org.apache.camel.component.dify.api.RetrieveResult;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;

/**
 * {@code retrieve}: queries a knowledge base ({@code POST /datasets/{dataset_id}/retrieve}) with a knowledge key.
 * <p>
 * Body in: the query as a String, or a {@link RetrieveRequest} / Map of Dify's request fields. Body out: the list of
 * {@link org.apache.camel.component.dify.api.RetrieveRecord}s, best first (or the {@link RetrieveResult}
 * with {@code fullResponse}).
 */
final class RetrieveBinding implements DifyBinding<RetrieveResult> {

    /** The one instance: a binding holds no state. */
    public static final RetrieveBinding INSTANCE = new RetrieveBinding();

    private RetrieveBinding() {
    }

    /** Dify's limit on the retrieval query (langgenius/dify api/controllers/console/datasets/hit_testing_base.py). */
    static final int MAX_QUERY_LENGTH = 250;

    @Override
    public CompletableFuture<RetrieveResult> start(ExchangeInputs in) {
        Object body = in.message().getBody();
        RetrieveRequest typed = body instanceof RetrieveRequest request ? request : null;
        if (typed == null) {
            Map<String, Object> map = in.mapBody();
            typed = map == null ? null : in.convert(map, RetrieveRequest.class);
        }
        String query = ExchangeInputs.firstNonBlank(in.header(DifyConstants.QUERY),
                typed != null ? typed.query() : in.textBody());
        if (query == null) {
            throw in.invalid("no query: send it as a String body or set the header " + DifyConstants.QUERY);
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw in.invalid("the query has " + query.length() + " characters; Dify accepts at most "
                    + MAX_QUERY_LENGTH);
        }
        String datasetId = in.requiredParameter("dataset_id");
        RetrieveRequest request = new RetrieveRequest(query,
                typed != null && typed.retrievalModel() != null ? typed.retrievalModel()
                        : retrievalModel(in.configuration()),
                typed == null ? null : typed.externalRetrievalModel(),
                typed == null ? null : typed.attachmentIds());
        return in.client()
                .send(in.call(DifyApi.retrieve).path("dataset_id", datasetId).json(request),
                        RetrieveResult.class);
    }

    /**
     * A retrieval model from the endpoint options, or {@code null} (the knowledge base's own settings) when none is
     * set. Dify requires all four base fields once the object is sent, so unset ones take Dify's defaults.
     */
    static RetrievalModel retrievalModel(DifyConfiguration config) {
        if (config.getTopK() == null && config.getSearchMethod() == null && config.getScoreThreshold() == null
                && config.getRerankingEnable() == null) {
            return null;
        }
        return new RetrievalModel(
                config.getSearchMethod() != null ? config.getSearchMethod().name()
                        : DifySearchMethod.semantic_search.name(),
                config.getRerankingEnable() != null ? config.getRerankingEnable() : Boolean.FALSE,
                null, null, null,
                config.getTopK() != null ? config.getTopK() : 4,
                config.getScoreThreshold() != null,
                config.getScoreThreshold(),
                null);
    }

    @Override
    public void complete(ExchangeInputs in, RetrieveResult result) {
        in.message().setBody(in.configuration().isFullResponse() ? result : result.records());
    }
}
