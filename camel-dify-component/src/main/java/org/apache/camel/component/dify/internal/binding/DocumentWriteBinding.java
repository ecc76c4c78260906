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

import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.knowledge.DocumentIngestion;
import org.apache.camel.component.dify.internal.protocol.knowledge.IndexingWait;

/**
 * The document writes (createDocumentByText, createDocumentByFile, updateDocumentByText, updateDocumentByFile): the
 * Dify endpoint as it is ({@link ApiBinding}), after a check (once per knowledge base) that the knowledge base takes
 * documents of the document API; with {@code waitForIndexing} the exchange goes on only once Dify has indexed the
 * document. Body out: Dify's answer {@code {document, batch}}; headers CamelDifyDocumentId, CamelDifyBatch
 * and, after a wait, CamelDifyIndexingStatus {@code completed}.
 */
final class DocumentWriteBinding implements DifyBinding<Object> {

    /** The one instance: a binding holds no state. */
    public static final DocumentWriteBinding INSTANCE = new DocumentWriteBinding();

    private DocumentWriteBinding() {
    }

    /** A write that waited for its indexing. */
    private record Indexed(Object answer, String status) {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        // the write is read and checked before anything is sent
        DifyCall write = ApiBinding.INSTANCE.call(in);
        String datasetId = in.requiredParameter("dataset_id");
        String apiKey = in.apiKey();
        DocumentIngestion ingestion = ingestion(in);
        // a knowledge base on a knowledge pipeline would take the document and never process it: refuse it first
        // (asked once per knowledge base and endpoint)
        CompletableFuture<Object> written = ingestion.requireDocumentApi(apiKey, datasetId)
                .thenCompose(ok -> ApiBinding.INSTANCE.send(in, write));
        if (!in.configuration().isWaitForIndexing()) {
            return written;
        }
        return written.thenCompose(answer -> ingestion
                .awaitIndexing(apiKey, datasetId, text(answer, "batch"), indexingWait(in.configuration()))
                .thenApply(status -> new Indexed(answer, status)));
    }

    @Override
    public void complete(ExchangeInputs in, Object result) {
        Object answer = result instanceof Indexed indexed ? indexed.answer() : result;
        ApiBinding.INSTANCE.complete(in, answer);
        Message message = in.message();
        ResultHeaders.setIfPresent(message, DifyConstants.BATCH, text(answer, "batch"));
        Object document = answer instanceof Map<?, ?> map ? map.get("document") : null;
        ResultHeaders.setIfPresent(message, DifyConstants.DOCUMENT_ID, text(document, "id"));
        ResultHeaders.setIfPresent(message, DifyConstants.INDEXING_STATUS,
                result instanceof Indexed indexed ? indexed.status() : text(document, "indexing_status"));
    }

    static DocumentIngestion ingestion(ExchangeInputs in) {
        return new DocumentIngestion(in.services().client(), in.operation().name(),
                in.services().knowledgeBaseFacts());
    }

    static IndexingWait indexingWait(DifyConfiguration configuration) {
        return new IndexingWait(configuration.getIndexingPollInterval(), configuration.getIndexingMaxPollInterval(),
                configuration.getIndexingTimeout());
    }

    private static String text(Object json, String key) {
        Object value = json instanceof Map<?, ?> map ? map.get(key) : null;
        return value == null ? null : value.toString();
    }
}
