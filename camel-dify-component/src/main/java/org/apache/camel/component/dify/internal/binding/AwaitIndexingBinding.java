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

import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.DifyConstants;

/**
 * {@code awaitIndexing}: waits until Dify has indexed every document of a batch (the {@code batch} that
 * createDocumentByText / createDocumentByFile answered, header CamelDifyBatch), polling its indexing status with
 * backoff up to indexingTimeout, without holding a thread. A failed indexing fails the exchange with Dify's error text.
 * Body: unchanged; header CamelDifyIndexingStatus {@code completed}.
 */
final class AwaitIndexingBinding implements DifyBinding<String> {

    /** The one instance: a binding holds no state. */
    public static final AwaitIndexingBinding INSTANCE = new AwaitIndexingBinding();

    private AwaitIndexingBinding() {
    }

    @Override
    public CompletableFuture<String> start(ExchangeInputs in) {
        String datasetId = in.requiredParameter("dataset_id");
        String batch = in.requiredParameter("batch");
        return DocumentWriteBinding.ingestion(in)
                .awaitIndexing(in.apiKey(), datasetId, batch, DocumentWriteBinding.indexingWait(in.configuration()));
    }

    @Override
    public void complete(ExchangeInputs in, String status) {
        in.message().setHeader(DifyConstants.INDEXING_STATUS, status);
    }
}
