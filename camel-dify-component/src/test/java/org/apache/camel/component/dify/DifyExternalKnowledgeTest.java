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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.ExternalKnowledgeApi;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code from("dify:externalKnowledge")} answers Dify's External Knowledge API as Dify's docs define its requests:
 * the route gets the query and the retrieval settings, its records go back, and the key and knowledge id are checked
 * with Dify's suggested error codes.
 */
class DifyExternalKnowledgeTest extends DifyCalledTestSupport {

    private static final String KEY = "handbook-secret";

    private static final String PAGE_KEY = "page-secret";

    /** The search of docs/features/external-knowledge.md: here two handbook passages, best first. */
    public static class HandbookSearch {

        public List<Map<String, Object>> search(String query, int topK) {
            List<Map<String, Object>> found = List.of(
                    Map.of("content", "Refunds are paid within 30 days.", "score", 0.9, "title", "refunds.md",
                            "metadata", Map.of("asked", query)),
                    Map.of("content", "Shipping takes two days.", "score", 0.4, "title", "shipping.md"));
            return found.subList(0, Math.min(topK, found.size()));
        }
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.knowledge.apiKey", PAGE_KEY);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // docs/features/external-knowledge.md
                from("dify:externalKnowledge?knowledgeIds=handbook&apiKey={{dify.knowledge.apiKey}}")
                        .bean(HandbookSearch.class, "search(${body}, ${header.CamelDifyTopK})") // a List of records
                        .log("answered Dify with ${body.size()} records");

                from("dify:externalKnowledge?externalKnowledgePath=/kb&knowledgeIds=handbook&apiKey=" + KEY)
                        .process(e -> {
                            String query = e.getMessage().getBody(String.class);
                            int topK = e.getMessage().getHeader(DifyConstants.TOP_K, Integer.class);
                            Map<?, ?> condition = e.getMessage().getHeader(DifyConstants.METADATA_CONDITION, Map.class);
                            Object operator = condition == null ? "none" : condition.get("logical_operator");
                            e.getMessage()
                                    .setBody(List.of(
                                            Map.of("content", "Refunds within 30 days (" + query + ")", "score", 0.92,
                                                    "title", "refunds.md", "metadata", Map.of("top_k", topK,
                                                            "operator", operator)),
                                            Map.of("content", "Second hit", "score", 0.5, "title", "other.md")));
                        });
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRoutesRecordsAnswerDifysRetrieval() throws Exception {
        HttpResponse<String> answer = retrieve("Bearer " + KEY, "handbook");

        assertThat(answer.statusCode()).isEqualTo(200);
        List<Map<String, Object>> records = (List<Map<String, Object>>) json.readValue(answer.body(), Map.class)
                .get("records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsEntry("content", "Refunds within 30 days (refund policy)")
                .containsEntry("title", "refunds.md")
                .containsEntry("metadata", Map.of("top_k", 2, "operator", "and"));
        // a record without metadata gets an object: Dify fails on null
        assertThat(records.get(1)).containsEntry("metadata", Map.of());
    }

    @Test
    void aDifyAppAnswersFromTheRoutesRecords() {
        ExternalKnowledgeApi api = simulator().addExternalKnowledgeApi("Handbook API", endpoint("/kb"), KEY);
        MessageResult answer = askAnAppWhoseKnowledgeIs(api, "handbook");

        assertThat(answer.answer()).isEqualTo("Refunds within 30 days (What is the refund policy?)");
        List<Map<String, Object>> resources = answer.metadata().retrieverResources();
        assertThat(resources).hasSize(2);
        assertThat(resources.get(0)).containsEntry("data_source_type", "external")
                .containsEntry("dataset_name", "Handbook")
                .containsEntry("title", "refunds.md")
                .containsEntry("score", 0.92)
                .containsEntry("position", 1);
        RecordedRequest sent = simulator().requests("POST", "/datasets").get(0);
        assertThat(sent.jsonText("provider")).isEqualTo("external");
    }

    @Test
    void thePagesRouteIsTheKnowledgeOfADifyApp() {
        ExternalKnowledgeApi api = simulator().addExternalKnowledgeApi("Handbook search",
                endpoint("/dify/external-knowledge"), PAGE_KEY);

        MessageResult answer = askAnAppWhoseKnowledgeIs(api, "handbook");

        assertThat(answer.answer()).isEqualTo("Refunds are paid within 30 days.");
        // Dify's default top K for an external knowledge base is 2
        assertThat(answer.metadata().retrieverResources()).extracting(r -> r.get("title"))
                .containsExactly("refunds.md", "shipping.md");
    }

    @Test
    void thePagePrintsThisRoute() {
        DocPage.assertSnippetsRunBy("features/external-knowledge.md", DifyExternalKnowledgeTest.class, 1);
    }

    @Test
    void aWrongKeyOrKnowledgeIdLeavesTheAppWithoutRecords() {
        ExternalKnowledgeApi wrongKey = simulator().addExternalKnowledgeApi("Stale key", endpoint("/kb"), "old-key");
        assertThat(askAnAppWhoseKnowledgeIs(wrongKey, "handbook").metadata().retrieverResources()).isEmpty();

        ExternalKnowledgeApi api = simulator().addExternalKnowledgeApi("Handbook API", endpoint("/kb"), KEY);
        assertThat(askAnAppWhoseKnowledgeIs(api, "payroll").answer()).isEqualTo("I do not know.");
    }

    /** Creates an external knowledge base through the Knowledge API and asks a Chatbot that draws on it. */
    @SuppressWarnings("unchecked")
    private MessageResult askAnAppWhoseKnowledgeIs(ExternalKnowledgeApi api, String knowledgeId) {
        simulator().clearRequests();
        String datasetKey = simulator().createDatasetKey();
        Map<String, Object> knowledgeBase = template.requestBody("dify:createDataset?apiKey=" + datasetKey,
                Map.of("name", "Handbook", "provider", "external", "external_knowledge_api_id", api.id(),
                        "external_knowledge_id", knowledgeId),
                Map.class);
        String knowledgeBaseId = (String) knowledgeBase.get("id");
        SimulatedApp app = simulator().createApp(AppMode.CHAT)
                .withKnowledge(knowledgeBaseId)
                .answerWith(
                        prompt -> prompt.context().isEmpty() ? "I do not know." : prompt.context().get(0).content());
        try {
            return template.requestBody("dify:chat?fullResponse=true&apiKey=" + app.apiKey(),
                    "What is the refund policy?", MessageResult.class);
        } finally {
            template.requestBodyAndHeader("dify:deleteDataset?apiKey=" + datasetKey, null, DifyConstants.DATASET_ID,
                    knowledgeBaseId);
        }
    }

    @Test
    void keysAndKnowledgeIdsAreCheckedWithDifysErrorCodes() throws Exception {
        assertError(retrieve(null, "handbook"), 403, 1001);
        assertError(retrieve("Basic abc", "handbook"), 403, 1001);
        assertError(retrieve("Bearer wrong", "handbook"), 403, 1002);
        assertError(retrieve("Bearer " + KEY, "payroll"), 404, 2001);
    }

    private void assertError(HttpResponse<String> answer, int status, int code) throws IOException {
        assertThat(answer.statusCode()).isEqualTo(status);
        assertThat(json.readValue(answer.body(), Map.class)).containsEntry("error_code", code)
                .containsKey("error_msg");
    }

    // the request of Dify's docs (/en/use-dify/knowledge/external-knowledge-api)
    private HttpResponse<String> retrieve(String authorization, String knowledgeId) throws Exception {
        String body = "{\"knowledge_id\":\"" + knowledgeId + "\",\"query\":\"refund policy\","
                + "\"retrieval_setting\":{\"top_k\":2,\"score_threshold\":0.5},"
                + "\"metadata_condition\":{\"logical_operator\":\"and\",\"conditions\":[{\"name\":\"category\","
                + "\"comparison_operator\":\"is\",\"value\":\"policy\"}]}}";
        return post("/kb/retrieval", body, authorization);
    }
}
