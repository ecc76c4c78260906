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
package org.apache.camel.component.dify;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.RetrieveRecord;
import org.apache.camel.component.dify.api.RetrieveResult;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DifyRetrieveTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedApp APP = simulator().createApp(AppMode.CHAT);
    private static final SimulatedDataset HANDBOOK = simulator().createDataset("Handbook");

    static {
        HANDBOOK.addDocument("hours.md", """
                Our office opens at nine in the morning.

                Support hours are Monday to Friday from nine to five; urgent support runs around the clock.
                """, Map.of("department", "support"));
        HANDBOOK.addDocument("camel.md", "Camel routes move messages between endpoints.");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:retrieve").to("dify:retrieve?datasetId=" + HANDBOOK.id() + "&apiKey=" + KEY)
                        .setHeader("bestChunk", simple("${body[0].content}"));
                from("direct:top1").to("dify:retrieve?topK=1&searchMethod=hybrid_search&datasetId=" + HANDBOOK.id()
                        + "&apiKey=" + KEY);
                from("direct:noDataset").to("dify:retrieve?apiKey=" + KEY);
                from("direct:appKey").to("dify:retrieve?datasetId=" + HANDBOOK.id() + "&apiKey=" + APP.apiKey());
                from("direct:full").to("dify:retrieve?fullResponse=true&datasetId=" + HANDBOOK.id() + "&apiKey="
                        + KEY);
            }
        };
    }

    @Test
    void anAppWhoseKnowledgeIsTheBaseCitesWhatItFound() {
        SimulatedApp bot = simulator().createApp(AppMode.CHAT)
                .withKnowledge(HANDBOOK.id())
                .answerWith(prompt -> "From " + prompt.context().get(0).title() + ": "
                        + prompt.context().get(0).content());

        MessageResult answer = template.requestBody("dify:chat?fullResponse=true&apiKey=" + bot.apiKey(),
                "When are the support hours?", MessageResult.class);

        assertThat(answer.answer()).startsWith("From hours.md: Support hours are Monday to Friday");
        assertThat(answer.metadata().retrieverResources().get(0)).containsEntry("document_name", "hours.md")
                .containsEntry("dataset_id", HANDBOOK.id())
                .containsEntry("position", 1);
    }

    @Test
    void returnsTheMostRelevantChunksFirstWithTheirDocument() {
        Exchange exchange = send("direct:retrieve", "When are the support hours?");

        assertThat(exchange.getException()).isNull();
        @SuppressWarnings("unchecked")
        List<RetrieveRecord> records = exchange.getMessage().getBody(List.class);
        assertThat(records).isNotEmpty();
        RetrieveRecord best = records.get(0);
        assertThat(best.getContent()).startsWith("Support hours are Monday to Friday");
        assertThat(best.score()).isPositive();
        assertThat(best.getDocumentName()).isEqualTo("hours.md");
        assertThat(best.getDocumentId()).isNotBlank();
        assertThat(best.getSegmentId()).isNotBlank();
        assertThat(best.getMetadata()).isEqualTo(Map.of("department", "support"));
        assertThat(exchange.getMessage().getHeader("bestChunk", String.class)).startsWith("Support hours");
        // no retrieval options set: the knowledge base's own settings apply
        assertThat(lastRetrieve().json().has("retrieval_model")).isFalse();
    }

    @Test
    void retrievalOptionsBecomeACompleteRetrievalModel() {
        Exchange exchange = send("direct:top1", "support hours");

        assertThat(exchange.getMessage().getBody(List.class)).hasSize(1);
        var model = lastRetrieve().json().get("retrieval_model");
        assertThat(model.get("top_k").asInt()).isEqualTo(1);
        assertThat(model.get("search_method").asText()).isEqualTo("hybrid_search");
        assertThat(model.get("reranking_enable").asBoolean()).isFalse();
        assertThat(model.get("score_threshold_enabled").asBoolean()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataFilteringConditionsRestrictTheDocuments() {
        SimulatedDataset policies = simulator().createDataset("Policies");
        policies.addDocument("hr.md", "Holiday requests go to your manager.", Map.of("department", "hr", "year", 2026));
        policies.addDocument("it.md", "Holiday laptops must stay encrypted.", Map.of("department", "it", "year", 2024));
        Map<String, Object> model = Map.of("search_method", "semantic_search", "reranking_enable", false, "top_k", 5,
                "score_threshold_enabled", false, "metadata_filtering_conditions", Map.of("logical_operator", "and",
                        "conditions", List.of(Map.of("name", "department", "comparison_operator", "is", "value", "hr"),
                                Map.of("name", "year", "comparison_operator", "≥", "value", 2025))));

        List<RetrieveRecord> filtered = send("direct:noDataset", Map.of("query", "holiday", "retrieval_model", model),
                DifyConstants.DATASET_ID, policies.id()).getMessage().getBody(List.class);
        List<RetrieveRecord> all = send("direct:noDataset", "holiday", DifyConstants.DATASET_ID, policies.id())
                .getMessage()
                .getBody(List.class);

        assertThat(filtered).extracting(RetrieveRecord::getDocumentName).containsExactly("hr.md");
        assertThat(all).extracting(RetrieveRecord::getDocumentName).containsExactlyInAnyOrder("hr.md", "it.md");
        var sent = simulator().requests("POST", "/datasets/" + policies.id() + "/retrieve").get(0).json();
        assertThat(sent.at("/retrieval_model/metadata_filtering_conditions/conditions/1/comparison_operator")
                .asText()).isEqualTo("≥");
    }

    @Test
    void theDatasetHeaderOverridesTheOption() {
        SimulatedDataset other = simulator().createDataset("Other");
        other.addDocument("other.md", "Bananas are yellow fruit.");

        Exchange exchange = send("direct:noDataset", "yellow bananas", DifyConstants.DATASET_ID, other.id());

        @SuppressWarnings("unchecked")
        List<RetrieveRecord> records = exchange.getMessage().getBody(List.class);
        assertThat(records).extracting(RetrieveRecord::getDocumentName).containsExactly("other.md");
    }

    @Test
    void anAppKeyIsRejectedWithAHintAboutTheKnowledgeKey() {
        DifyException error = send("direct:appKey", "hours").getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(401);
        assertThat(error.getDifyMessage()).contains("knowledge (dataset) API key");
    }

    @Test
    void anUnknownDatasetIs404() {
        DifyException error = send("direct:noDataset", "hours", DifyConstants.DATASET_ID,
                "00000000-0000-4000-8000-000000000000").getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(404);
        assertThat(error.getDifyMessage()).isEqualTo("Dataset not found.");
    }

    @Test
    void fullResponseEchoesTheQuery() {
        RetrieveResult result = send("direct:full", "camel routes").getMessage().getBody(RetrieveResult.class);

        assertThat(result.query()).containsEntry("content", "camel routes");
        assertThat(result.records().get(0).getDocumentName()).isEqualTo("camel.md");
    }

    private static RecordedRequest lastRetrieve() {
        var requests = simulator().requests("POST", "/datasets/" + HANDBOOK.id() + "/retrieve");
        return requests.get(requests.size() - 1);
    }
}
