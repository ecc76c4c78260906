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
package org.apache.camel.component.dify.consumer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code from("dify:externalKnowledge")} answers Dify's External Knowledge API as Dify's docs define its requests:
 * the route gets the query and the retrieval settings, its records go back, and the key and knowledge id are checked
 * with Dify's suggested error codes.
 */
class DifyExternalKnowledgeTest extends DifyCalledTestSupport {

    private static final String KEY = "handbook-secret";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:externalKnowledge?externalKnowledgePath=/kb&knowledgeIds=handbook&apiKey=" + KEY)
                        .process(e -> {
                            String query = e.getMessage().getBody(String.class);
                            int topK = e.getMessage().getHeader(DifyConstants.TOP_K, Integer.class);
                            Map<?, ?> condition = e.getMessage().getHeader(DifyConstants.METADATA_CONDITION, Map.class);
                            e.getMessage()
                                    .setBody(List.of(
                                            Map.of("content", "Refunds within 30 days (" + query + ")", "score", 0.92,
                                                    "title", "refunds.md", "metadata", Map.of("top_k", topK,
                                                            "operator", condition.get("logical_operator"))),
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
