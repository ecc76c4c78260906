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

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.IngestedDocument;
import org.apache.camel.component.dify.internal.protocol.knowledge.DocumentContent;
import org.apache.camel.component.dify.internal.protocol.knowledge.DocumentIngestion;

/**
 * {@code upsertDocument}: writes a document to a knowledge base once, however often the same message arrives
 * ({@link DocumentIngestion#upsert}): created when no document matches, updated when its content changed, left alone
 * when it did not; with {@code waitForIndexing}, the exchange goes on once the document is indexed.
 * <p>
 * With an idempotentRepository shared by several instances, the document is claimed there while it is written
 * ({@link DocumentClaim}), so that a new document is created once.
 * <p>
 * Body in: the text (a String) or the file (File, Path, a file from the file: component, byte[], InputStream). The
 * document's name: header CamelDifyDocumentName, else CamelFileName. Settings for a new document (indexing_technique,
 * process_rule, doc_form, ...): header CamelDifyDocumentSettings. Body out: the {@link IngestedDocument}; headers
 * CamelDifyDocumentId, CamelDifyBatch, CamelDifyUpsertAction, CamelDifyIndexingStatus.
 */
final class UpsertDocumentBinding implements DifyBinding<IngestedDocument> {

    /** The one instance: a binding holds no state. */
    public static final UpsertDocumentBinding INSTANCE = new UpsertDocumentBinding();

    private UpsertDocumentBinding() {
    }

    @Override
    public CompletableFuture<IngestedDocument> start(ExchangeInputs in) {
        DifyConfiguration configuration = in.configuration();
        String datasetId = in.requiredParameter("dataset_id");
        String name = ExchangeInputs.firstNonBlank(in.header(DifyConstants.DOCUMENT_NAME),
                in.header(Exchange.FILE_NAME));
        if (name == null) {
            throw in.invalid("no document name: set the header " + DifyConstants.DOCUMENT_NAME + " (or "
                    + Exchange.FILE_NAME + ")");
        }
        String matchField = configuration.getUpsertMatchField();
        String matchValue = in.header(DifyConstants.UPSERT_MATCH_VALUE);
        if (matchField != null && matchValue == null) {
            throw in.invalid("upsertMatchField=" + matchField + " needs the header "
                    + DifyConstants.UPSERT_MATCH_VALUE + ": the value that identifies the document");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<?, ?> given = ApiBinding.documentSettings(in);
        if (given != null) {
            given.forEach((key, value) -> settings.put(String.valueOf(key), value));
        }
        DocumentIngestion.Upsert upsert = new DocumentIngestion.Upsert(in.apiKey(), datasetId,
                UploadFileBinding.baseName(name), content(in, UploadFileBinding.baseName(name)), matchField,
                matchValue, settings,
                configuration.isWaitForIndexing() ? DocumentWriteBinding.indexingWait(configuration) : null);
        DocumentIngestion ingestion = DocumentWriteBinding.ingestion(in);
        if (configuration.getIdempotentRepository() == null) {
            return ingestion.upsert(upsert);
        }
        String document = "knowledge base " + datasetId + ", document "
                + (matchField == null ? "named " + upsert.name() : matchField + "=" + matchValue);
        return new DocumentClaim(configuration.getIdempotentRepository(), in.services().client(), document,
                configuration.getUpsertClaimTimeout()).around(() -> ingestion.upsert(upsert));
    }

    private static DocumentContent content(ExchangeInputs in, String name) {
        Message message = in.message();
        if (message.getBody() instanceof CharSequence text) {
            return new DocumentContent.Text(text.toString());
        }
        if (message.getBody() instanceof InputStream) {
            // read twice, for the digest and to send it: a stream can be read once
            message.setBody(message.getBody(byte[].class));
        }
        return new DocumentContent.File(UploadFileBinding.source(in, name));
    }

    @Override
    public void complete(ExchangeInputs in, IngestedDocument result) {
        Message message = in.message();
        message.setBody(result);
        message.setHeader(DifyConstants.DOCUMENT_ID, result.documentId());
        ResultHeaders.setIfPresent(message, DifyConstants.BATCH, result.batch());
        message.setHeader(DifyConstants.UPSERT_ACTION, result.action().value());
        ResultHeaders.setIfPresent(message, DifyConstants.INDEXING_STATUS, result.indexingStatus());
    }
}
