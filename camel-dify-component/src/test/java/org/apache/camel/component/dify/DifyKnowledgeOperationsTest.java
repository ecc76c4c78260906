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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.RetrieveRecord;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A document pipeline on the Knowledge API: a knowledge base, a document, its indexing, retrieval, cleanup. */
class DifyKnowledgeOperationsTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final String APP_KEY = simulator().createApp(AppMode.CHAT).apiKey();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String key = "apiKey=" + KEY;
                from("direct:create").to("dify:createDataset?" + key);
                from("direct:list").to("dify:listDatasets?" + key);
                from("direct:get").to("dify:getDataset?" + key);
                from("direct:update").to("dify:updateDataset?" + key);
                from("direct:delete").to("dify:deleteDataset?" + key);
                from("direct:addText").to("dify:createDocumentByText?" + key);
                from("direct:documents").to("dify:listDocuments?" + key);
                from("direct:status").to("dify:indexingStatus?" + key);
                from("direct:retrieve").to("dify:retrieve?" + key);
                from("direct:wrongKey").to("dify:listDatasets?apiKey=" + APP_KEY);
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentIsAddedIndexedRetrievedAndTheKnowledgeBaseRemoved() {
        Map<String, Object> dataset = send("direct:create", Map.of("name", "Runbooks", "description", "ops",
                "indexing_technique", "high_quality")).getMessage().getBody(Map.class);
        String datasetId = (String) dataset.get("id");
        assertThat(dataset).containsEntry("name", "Runbooks").containsEntry("indexing_technique", "high_quality");
        assertThat((List<Map<String, Object>>) send("direct:list", null).getMessage()
                .getBody(Map.class)
                .get("data")).extracting(d -> d.get("id")).contains(datasetId);

        Map<String, Object> created = send("direct:addText", Map.of("name", "restart.md", "text",
                "Restart the broker with systemctl restart broker.\n\nCheck its health endpoint afterwards.",
                "process_rule", Map.of("mode", "automatic")), DifyConstants.DATASET_ID, datasetId).getMessage()
                .getBody(Map.class);
        String batch = (String) created.get("batch");
        assertThat((Map<String, Object>) created.get("document")).containsEntry("name", "restart.md");

        // indexing runs on its own: poll the batch until every document is completed
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> status = send("direct:status", null, DifyConstants.DATASET_ID, datasetId,
                    DifyConstants.PARAMETERS, Map.of("batch", batch)).getMessage().getBody(Map.class);
            return ((List<Map<String, Object>>) status.get("data")).stream()
                    .allMatch(d -> "completed".equals(d.get("indexing_status")));
        });
        Exchange found = send("direct:retrieve", "how do I restart the broker", DifyConstants.DATASET_ID, datasetId);
        List<RetrieveRecord> records = found.getMessage().getBody(List.class);
        assertThat(records.get(0).getDocumentName()).isEqualTo("restart.md");
        assertThat(records.get(0).getContent()).startsWith("Restart the broker");

        List<Map<String, Object>> documents = (List<Map<String, Object>>) send("direct:documents", null,
                DifyConstants.DATASET_ID, datasetId).getMessage().getBody(Map.class).get("data");
        assertThat(documents).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("indexing_status",
                        "completed"));

        assertThat(send("direct:update", Map.of("name", "Runbooks 2026"), DifyConstants.DATASET_ID, datasetId)
                .getMessage()
                .getBody(Map.class)).containsEntry("name", "Runbooks 2026");
        assertThat(send("direct:delete", null, DifyConstants.DATASET_ID, datasetId).getException()).isNull();
        DifyException gone = send("direct:get", null, DifyConstants.DATASET_ID, datasetId)
                .getException(DifyException.class);
        assertThat(gone.getHttpStatus()).isEqualTo(404);
        assertThat(gone.getDifyMessage()).isEqualTo("Dataset not found.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aScriptedIndexingFailureShowsInTheStatusAndTheDocument() {
        SimulatedDataset dataset = simulator().createDataset("Broken embeddings")
                .failIndexingOf("scan.md", "Embedding model quota exceeded");
        Map<String, Object> created = send("direct:addText", Map.of("name", "scan.md", "text", "A scanned page.",
                "indexing_technique", "high_quality"), DifyConstants.DATASET_ID, dataset.id()).getMessage()
                .getBody(Map.class);
        String batch = (String) created.get("batch");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, Object> status = send("direct:status", null, DifyConstants.DATASET_ID, dataset.id(),
                    DifyConstants.PARAMETERS, Map.of("batch", batch)).getMessage().getBody(Map.class);
            return ((List<Map<String, Object>>) status.get("data")).stream()
                    .allMatch(d -> "error".equals(d.get("indexing_status"))
                            && "Embedding model quota exceeded".equals(d.get("error"))
                            && d.get("splitting_completed_at") != null && d.get("completed_at") == null);
        });
        List<Map<String, Object>> documents = (List<Map<String, Object>>) send("direct:documents", null,
                DifyConstants.DATASET_ID, dataset.id()).getMessage().getBody(Map.class).get("data");
        assertThat(documents).singleElement()
                .satisfies(d -> assertThat(d).containsEntry("display_status", "error")
                        .containsEntry("error", "Embedding model quota exceeded"));
        List<RetrieveRecord> records = send("direct:retrieve", "scanned page", DifyConstants.DATASET_ID, dataset.id())
                .getMessage()
                .getBody(List.class);
        assertThat(records).isEmpty();
    }

    @Test
    void theFirstDocumentNeedsAnIndexingTechniqueAndNamesAreUnique() {
        String datasetId = (String) send("direct:create", Map.of("name", "Empty")).getMessage()
                .getBody(Map.class)
                .get("id");

        DifyException noTechnique = send("direct:addText", Map.of("name", "a.md", "text", "x"),
                DifyConstants.DATASET_ID, datasetId).getException(DifyException.class);
        assertThat(noTechnique.getHttpStatus()).isEqualTo(400);
        assertThat(noTechnique.getDifyMessage()).isEqualTo("indexing_technique is required.");

        DifyException duplicate = send("direct:create", Map.of("name", "Empty")).getException(DifyException.class);
        assertThat(duplicate.getHttpStatus()).isEqualTo(409);
        assertThat(duplicate.getCode()).isEqualTo("dataset_name_duplicate");
    }

    @Test
    void anAppKeyOnTheKnowledgeApiSaysWhichKeyItNeeds() {
        DifyException error = send("direct:wrongKey", null).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(401);
        assertThat(error.getDifyMessage()).contains("knowledge (dataset) API key");
    }
}
