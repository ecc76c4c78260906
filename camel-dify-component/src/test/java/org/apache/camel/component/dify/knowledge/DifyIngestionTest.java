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
package org.apache.camel.component.dify.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyTestSupport;
import org.apache.camel.component.dify.api.DifyErrorCategory;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.IngestedDocument;
import org.apache.camel.component.dify.api.RetrieveRecord;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Ingestion that finishes the job, through routes on the simulator: document writes that wait until indexed, the
 * indexing error and the deadline, upserts that write a redelivered document once, the refusal of a knowledge base that
 * runs a knowledge pipeline, and the knowledge write rate limit.
 */
class DifyIngestionTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String key = "apiKey=" + KEY + "&indexingPollInterval=20&indexingMaxPollInterval=100";
                from("direct:addAndWait").to("dify:createDocumentByText?waitForIndexing=true&" + key);
                from("direct:add").to("dify:createDocumentByText?" + key);
                from("direct:await").to("dify:awaitIndexing?" + key);
                from("direct:awaitBriefly").to("dify:awaitIndexing?indexingTimeout=400&" + key);
                from("direct:upsert").to("dify:upsertDocument?waitForIndexing=true&" + key);
                from("direct:upsertNoWait").to("dify:upsertDocument?" + key);
                from("direct:upsertByKey")
                        .to("dify:upsertDocument?upsertMatchField=source_id&waitForIndexing=true&" + key);
                from("direct:retrieve").to("dify:retrieve?" + key);
            }
        };
    }

    @AfterEach
    void restoreTheSimulator() {
        simulator().limitKnowledgeWrites(0, Duration.ofMinutes(1));
        simulator().indexingStep(Duration.ofMillis(100));
    }

    private static SimulatedDataset dataset(String name) {
        SimulatedDataset dataset = simulator().createDataset(name + " " + System.nanoTime());
        return dataset;
    }

    private static Map<String, Object> text(String name, String text) {
        return Map.of("name", name, "text", text, "indexing_technique", "high_quality");
    }

    @Test
    void aDocumentWriteThatWaitsIsSearchableWhenTheExchangeGoesOn() {
        SimulatedDataset dataset = dataset("Runbooks");

        Exchange added = send("direct:addAndWait", text("restart.md", "Restart the broker with systemctl."),
                DifyConstants.DATASET_ID, dataset.id());

        assertThat(added.getException()).isNull();
        assertThat(added.getMessage().getHeader(DifyConstants.INDEXING_STATUS)).isEqualTo("completed");
        assertThat(added.getMessage().getHeader(DifyConstants.BATCH, String.class)).isNotBlank();
        assertThat(added.getMessage().getHeader(DifyConstants.DOCUMENT_ID, String.class))
                .isEqualTo(dataset.documents().get(0).id());
        // no awaiting in the test: the route itself went on only once the document was indexed
        List<?> found = send("direct:retrieve", "restart the broker", DifyConstants.DATASET_ID, dataset.id())
                .getMessage()
                .getBody(List.class);
        assertThat(found).singleElement()
                .satisfies(r -> assertThat(((RetrieveRecord) r).getDocumentName()).isEqualTo("restart.md"));
        assertThat(simulator().requests("GET", "/datasets/" + dataset.id() + "/documents/"
                + added.getMessage().getHeader(DifyConstants.BATCH) + "/indexing-status")).isNotEmpty();
    }

    @Test
    void aFailedIndexingFailsTheExchangeWithDifysErrorText() {
        SimulatedDataset dataset = dataset("Broken").failIndexingOf("scan.md", "Embedding model quota exceeded");

        Exchange added = send("direct:addAndWait", text("scan.md", "A scanned page."), DifyConstants.DATASET_ID,
                dataset.id());

        DifyException failure = added.getException(DifyException.class);
        assertThat(failure.getCode()).isEqualTo(DifyException.INDEXING_FAILED);
        assertThat(failure.getMessage()).contains("Embedding model quota exceeded");
        assertThat(failure.getCategory()).isEqualTo(DifyErrorCategory.PROVIDER);
        assertThat(added.getMessage().getHeader(DifyConstants.ERROR_CATEGORY)).isEqualTo("provider");
    }

    @Test
    void aWaitPastItsDeadlineFailsWithIndexingTimeout() {
        // indexing steps of 2 s: the 400 ms wait ends first
        SimulatedDataset dataset = dataset("Slow");
        String batch = send("direct:add", text("slow.md", "Indexed slowly."), DifyConstants.DATASET_ID,
                dataset.id()).getMessage().getHeader(DifyConstants.BATCH, String.class);
        simulator().indexingStep(Duration.ofSeconds(2));

        Exchange waited = send("direct:awaitBriefly", "the body stays", DifyConstants.DATASET_ID, dataset.id(),
                DifyConstants.BATCH, batch);

        DifyException failure = waited.getException(DifyException.class);
        assertThat(failure.getCode()).isEqualTo(DifyException.INDEXING_TIMEOUT);
        assertThat(failure.getMessage()).contains("still waiting after 400 ms");
        assertThat(failure.getCategory()).isEqualTo(DifyErrorCategory.TIMEOUT);
    }

    @Test
    void awaitIndexingLeavesTheBodyAndReportsCompleted() {
        SimulatedDataset dataset = dataset("Await");
        String batch = send("direct:add", text("a.md", "Alpha."), DifyConstants.DATASET_ID, dataset.id())
                .getMessage()
                .getHeader(DifyConstants.BATCH, String.class);

        Exchange waited = send("direct:await", "the body stays", DifyConstants.DATASET_ID, dataset.id(),
                DifyConstants.BATCH, batch);

        assertThat(waited.getException()).isNull();
        assertThat(waited.getMessage().getBody()).isEqualTo("the body stays");
        assertThat(waited.getMessage().getHeader(DifyConstants.INDEXING_STATUS)).isEqualTo("completed");
    }

    @Test
    void aRedeliveredDocumentIsWrittenOnceAndChangedContentUpdatesIt() {
        SimulatedDataset dataset = dataset("Upserts");
        Object[] headers = {DifyConstants.DATASET_ID, dataset.id(), DifyConstants.DOCUMENT_NAME, "policy.md",
                DifyConstants.DOCUMENT_SETTINGS, Map.of("indexing_technique", "high_quality")};

        IngestedDocument first = send("direct:upsert", "Refunds within 30 days.", headers).getMessage()
                .getBody(IngestedDocument.class);
        Exchange again = send("direct:upsert", "Refunds within 30 days.", headers);
        IngestedDocument second = again.getMessage().getBody(IngestedDocument.class);

        assertThat(first.action()).isEqualTo(IngestedDocument.Action.CREATED);
        assertThat(first.indexingStatus()).isEqualTo("completed");
        assertThat(second.action()).isEqualTo(IngestedDocument.Action.UNCHANGED);
        assertThat(second.documentId()).isEqualTo(first.documentId());
        assertThat(again.getMessage().getHeader(DifyConstants.UPSERT_ACTION)).isEqualTo("unchanged");
        assertThat(dataset.documents()).hasSize(1);
        assertThat(simulator().requests("POST", "/datasets/" + dataset.id() + "/document/create-by-text"))
                .hasSize(1);

        IngestedDocument changed = send("direct:upsert", "Refunds within 60 days.", headers).getMessage()
                .getBody(IngestedDocument.class);
        assertThat(changed.action()).isEqualTo(IngestedDocument.Action.UPDATED);
        assertThat(changed.documentId()).isEqualTo(first.documentId());
        assertThat(changed.batch()).isNotEqualTo(first.batch());
        assertThat(changed.indexingStatus()).isEqualTo("completed");
        assertThat(dataset.documents()).singleElement()
                .satisfies(d -> assertThat(d.segments().get(0).content()).isEqualTo("Refunds within 60 days."));
        assertThat(dataset.documents().get(0).metadata()).containsEntry("content_sha256", changed.digest());
    }

    @Test
    void anUpsertByAMetadataKeyFindsTheDocumentWhateverItsName() {
        SimulatedDataset dataset = dataset("By key");
        IngestedDocument created = send("direct:upsertByKey", "Version 1", DifyConstants.DATASET_ID, dataset.id(),
                DifyConstants.DOCUMENT_NAME, "Contract (draft).md", DifyConstants.UPSERT_MATCH_VALUE, "CRM-42",
                DifyConstants.DOCUMENT_SETTINGS, Map.of("indexing_technique", "high_quality")).getMessage()
                .getBody(IngestedDocument.class);
        IngestedDocument renamed = send("direct:upsertByKey", "Version 2", DifyConstants.DATASET_ID, dataset.id(),
                DifyConstants.DOCUMENT_NAME, "Contract (signed).md", DifyConstants.UPSERT_MATCH_VALUE, "CRM-42")
                .getMessage()
                .getBody(IngestedDocument.class);

        assertThat(renamed.action()).isEqualTo(IngestedDocument.Action.UPDATED);
        assertThat(renamed.documentId()).isEqualTo(created.documentId());
        assertThat(dataset.documents()).singleElement()
                .satisfies(d -> assertThat(d.metadata()).containsEntry("source_id", "CRM-42"));

        Exchange missingValue = send("direct:upsertByKey", "Version 3", DifyConstants.DATASET_ID, dataset.id(),
                DifyConstants.DOCUMENT_NAME, "x.md");
        assertThat(missingValue.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DifyConstants.UPSERT_MATCH_VALUE);
    }

    @Test
    void aFileIsUpsertedByItsFileName(@TempDir Path folder) throws Exception {
        SimulatedDataset dataset = dataset("Files");
        Path file = Files.writeString(folder.resolve("faq.txt"), "How do I reset my password?");
        Object[] headers = {DifyConstants.DATASET_ID, dataset.id(), Exchange.FILE_NAME, "inbox/faq.txt",
                DifyConstants.DOCUMENT_SETTINGS, Map.of("indexing_technique", "high_quality",
                        "process_rule", Map.of("mode", "automatic"))};

        IngestedDocument first = send("direct:upsert", file.toFile(), headers).getMessage()
                .getBody(IngestedDocument.class);
        IngestedDocument second = send("direct:upsert", file.toFile(), headers).getMessage()
                .getBody(IngestedDocument.class);

        assertThat(first.name()).isEqualTo("faq.txt");
        assertThat(first.action()).isEqualTo(IngestedDocument.Action.CREATED);
        assertThat(second.action()).isEqualTo(IngestedDocument.Action.UNCHANGED);
        assertThat(simulator().requests("POST", "/datasets/" + dataset.id() + "/document/create-by-file"))
                .hasSize(1);
    }

    @Test
    void bytesFromAQueueAreAFileNamedByTheDocumentName() {
        SimulatedDataset dataset = dataset("Bytes");

        IngestedDocument written = send("direct:upsert", "Bytes from a JMS BytesMessage.".getBytes(),
                DifyConstants.DATASET_ID, dataset.id(), DifyConstants.DOCUMENT_NAME, "notes.txt",
                DifyConstants.DOCUMENT_SETTINGS, Map.of("indexing_technique", "high_quality",
                        "process_rule", Map.of("mode", "automatic")))
                .getMessage()
                .getBody(IngestedDocument.class);

        assertThat(written.name()).isEqualTo("notes.txt");
        assertThat(simulator().requests("POST", "/datasets/" + dataset.id() + "/document/create-by-file"))
                .hasSize(1);
    }

    @Test
    void aKnowledgeBaseOnAPipelineIsRefusedBeforeAnythingIsWritten() {
        SimulatedDataset dataset = dataset("Pipeline KB").usesKnowledgePipeline();

        Exchange refused = send("direct:upsert", "Ignored?", DifyConstants.DATASET_ID, dataset.id(),
                DifyConstants.DOCUMENT_NAME, "a.md");
        Exchange refusedToo = send("direct:add", text("b.md", "Ignored?"), DifyConstants.DATASET_ID,
                dataset.id());

        for (Exchange exchange : List.of(refused, refusedToo)) {
            DifyException failure = exchange.getException(DifyException.class);
            assertThat(failure.getCode()).isEqualTo(DifyException.KNOWLEDGE_PIPELINE);
            assertThat(failure.getMessage()).contains("uploadPipelineFile", "runPipeline");
        }
        assertThat(dataset.documents()).isEmpty();
    }

    @Test
    void knowledgeWritesKeepWithinTheComponentsRateLimit() throws Exception {
        simulator().limitKnowledgeWrites(3, Duration.ofSeconds(1));
        SimulatedDataset dataset = dataset("Busy");
        // a second component with the limit, as camel.component.dify.knowledgeRateLimit would configure it
        DifyComponent limited = new DifyComponent();
        limited.setKnowledgeRateLimit("3/1s");
        limited.getConfiguration().setBaseUrl(simulator().baseUrl());
        context.addComponent("limited", limited);
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:limited").to("limited:createDocumentByText?maxRetries=0&apiKey=" + KEY);
                from("direct:unlimited").to("dify:createDocumentByText?maxRetries=0&apiKey=" + KEY);
            }
        });

        List<CompletableFuture<Exchange>> writes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            writes.add(template.asyncSend("direct:limited", e -> {
                e.getMessage().setBody(text("doc-" + System.nanoTime() + ".md", "Text."));
                e.getMessage().setHeader(DifyConstants.DATASET_ID, dataset.id());
            }));
        }
        for (CompletableFuture<Exchange> write : writes) {
            assertThat(write.get().getException()).isNull();
        }
        assertThat(simulator().knowledgeWritesRefused()).isZero();
        assertThat(dataset.documents()).hasSize(7);

        // the same burst without the limit: Dify refuses what is over it, as a rate limit
        simulator().limitKnowledgeWrites(3, Duration.ofSeconds(1));
        List<Exchange> unlimited = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            unlimited.add(send("direct:unlimited", text("burst-" + i + ".md", "Text."), DifyConstants.DATASET_ID,
                    dataset.id()));
        }
        assertThat(unlimited).filteredOn(e -> e.getException() != null)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getMessage().getHeader(DifyConstants.ERROR_CATEGORY))
                        .isEqualTo("rate_limit"));
    }

    @Test
    void aBadRateLimitNamesTheOptionAndTheValidValues() {
        DifyComponent component = new DifyComponent();
        component.setKnowledgeRateLimit("fast");
        context.addComponent("dify-fast", component);

        assertThat(catchThrowable(() -> context.getEndpoint("dify-fast:upsertDocument")))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("knowledgeRateLimit")
                .hasMessageContaining("sandbox")
                .hasMessageContaining("20/30s");
    }
}
