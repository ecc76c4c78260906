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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.api.event.DatasourceCompletedEvent;
import org.apache.camel.component.dify.api.event.DatasourceProcessingEvent;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge pipeline: upload a file for it, list its datasource nodes, run a node, run the pipeline. */
class DifyPipelineOperationsTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedDataset DATASET = simulator().createDataset("Pipeline")
            .datasourcePages("online-drive", List.of(Map.of("page", 1, "files", List.of("a.pdf")),
                    Map.of("page", 2, "files", List.of("b.pdf")), Map.of("page", 3, "files", List.of("c.pdf"))), -1)
            .datasourcePages("expiring-drive", List.of(Map.of("page", 1), Map.of("page", 2), Map.of("page", 3)), 2);

    @TempDir
    Path dir;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String options = "apiKey=" + KEY + "&datasetId=" + DATASET.id();
                directRoutes(this, options, "uploadPipelineFile", "listDatasourcePlugins", "runDatasourceNode",
                        "runPipeline");
                from("direct:blockingRun").to("dify:runPipeline?delivery=blocking&fullResponse=true&" + options);
                from("direct:nodeEvents").to("dify:runDatasourceNode?delivery=events&" + options)
                        .split(body())
                        .streaming()
                        .process(collectEvent());
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileGoesThroughThePipelineIntoTheKnowledgeBase() throws Exception {
        Path file = Files.writeString(dir.resolve("handbook.md"), "Expenses are filed within thirty days.");
        Map<String, Object> uploaded = send("direct:uploadPipelineFile", file).getMessage().getBody(Map.class);
        assertThat(uploaded).containsEntry("name", "handbook.md")
                .containsEntry("extension", "md")
                .containsEntry("size", (int) Files.size(file));

        List<Map<String, Object>> nodes = send("direct:listDatasourcePlugins", null, DifyConstants.PARAMETERS,
                Map.of("is_published", true)).getMessage().getBody(List.class);
        assertThat(nodes).hasSize(1);
        String nodeId = (String) nodes.get(0).get("node_id");
        assertThat(nodes.get(0)).containsEntry("datasource_type", "local_file");

        List<List<Map<String, Object>>> pages = send("direct:runDatasourceNode",
                Map.of("datasource_type", "local_file"), DifyConstants.PARAMETERS, Map.of("node_id", nodeId))
                .getMessage()
                .getBody(List.class);
        assertThat(pages).as("a local file source reads one page").hasSize(1);
        assertThat(pages.get(0)).extracting(f -> f.get("id")).contains(uploaded.get("id"));

        Exchange run = send("direct:runPipeline", Map.of("datasource_type", "local_file", "start_node_id", nodeId,
                "datasource_info_list", List.of(Map.of("reference", uploaded.get("id")))));
        assertThat(run.getException()).isNull();
        List<Map<String, Object>> documents = (List<Map<String, Object>>) run.getMessage()
                .getBody(Map.class)
                .get("documents");
        assertThat(documents).extracting(d -> d.get("name")).containsExactly("handbook.md");
        assertThat(run.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
        assertThat(DATASET.documents()).extracting(SimulatedDataset.Document::name).contains("handbook.md");
        var request = simulator().requests("POST", "/datasets/" + DATASET.id() + "/pipeline/run").get(0);
        assertThat(request.json().get("response_mode").asText()).isEqualTo("streaming");
        assertThat(request.json().get("is_published").asBoolean()).isTrue();
        assertThat(request.json().get("inputs").isObject()).isTrue();

        WorkflowRunResult blocking = send("direct:blockingRun", Map.of("datasource_type", "local_file",
                "start_node_id", nodeId, "datasource_info_list",
                List.of(Map.of("reference", uploaded.get("id"), "name", "handbook-copy.md"))))
                .getMessage()
                .getBody(WorkflowRunResult.class);
        assertThat(blocking.data().status()).isEqualTo("succeeded");
        assertThat(blocking.workflowRunId()).isNotBlank();
        assertThat(DATASET.documents()).extracting(SimulatedDataset.Document::name).contains("handbook-copy.md");
    }

    @Test
    void aDatasourceNodeRunStreamsTypedProgressEvents() throws Exception {
        send("direct:uploadPipelineFile", Files.writeString(dir.resolve("notes.txt"), "Notes."));

        Exchange exchange = send("direct:nodeEvents", Map.of("datasource_type", "local_file"),
                DifyConstants.PARAMETERS, Map.of("node_id", "1750000000000"));

        assertThat(exchange.getException()).isNull();
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.get(0)).isInstanceOf(DatasourceProcessingEvent.class);
        assertThat(((DatasourceProcessingEvent) events.get(0)).getTotal()).isPositive();
        DatasourceCompletedEvent completed = (DatasourceCompletedEvent) events.get(events.size() - 1);
        assertThat(completed.getData()).asList().isNotEmpty();
        assertThat(completed.getTimeConsuming()).isNotNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOnlineDriveRunDeliversEveryPageNotOnlyTheFirst() {
        List<Map<String, Object>> pages = send("direct:runDatasourceNode", Map.of("datasource_type", "online_drive"),
                DifyConstants.PARAMETERS, Map.of("node_id", "online-drive")).getMessage().getBody(List.class);

        assertThat(pages).extracting(page -> page.get("page")).containsExactly(1, 2, 3);
    }

    @Test
    void eachPageIsAnEventWithDeliveryEvents() {
        Exchange exchange = send("direct:nodeEvents", Map.of("datasource_type", "online_drive"),
                DifyConstants.PARAMETERS, Map.of("node_id", "online-drive"));

        assertThat(exchange.getException()).isNull();
        List<Object> pages = events.stream()
                .filter(DatasourceCompletedEvent.class::isInstance)
                .map(e -> (Object) ((Map<?, ?>) ((DatasourceCompletedEvent) e).getData()).get("page"))
                .toList();
        assertThat(pages).containsExactly(1, 2, 3);
    }

    @Test
    void aDatasourceErrorAfterPagesFailsNamingHowManyCameBefore() {
        DifyException error = send("direct:runDatasourceNode", Map.of("datasource_type", "online_drive"),
                DifyConstants.PARAMETERS, Map.of("node_id", "expiring-drive")).getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.DATASOURCE_ERROR);
        assertThat(error.getDifyMessage()).contains("credential expired").contains("after 2 pages");
    }

    @Test
    void aFailedDatasourceNodeFailsTheExchange() {
        DifyException error = send("direct:runDatasourceNode", Map.of("datasource_type", "local_file"),
                DifyConstants.PARAMETERS, Map.of("node_id", "no-such-node")).getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.DATASOURCE_ERROR);
        assertThat(error.getDifyMessage()).contains("no-such-node");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedPipelineRunFailsTheExchangeWithItsRunId() throws Exception {
        Map<String, Object> uploaded = send("direct:uploadPipelineFile",
                Files.writeString(dir.resolve("partial.md"), "Half of a batch.")).getMessage().getBody(Map.class);

        DifyException error = send("direct:runPipeline", Map.of("datasource_type", "local_file",
                "start_node_id", "1750000000000", "datasource_info_list",
                List.of(Map.of("reference", uploaded.get("id")), Map.of("reference", "missing"))))
                .getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.WORKFLOW_FAILED);
        assertThat(error.getDifyMessage()).contains("missing");
        assertThat(error.getProgress().workflowRunId()).isNotBlank();
        assertThat(DATASET.documents()).extracting(SimulatedDataset.Document::name).doesNotContain("partial.md");
    }

    @Test
    void missingRequestFieldsAreNamedBeforeAnythingIsSent() {
        int before = simulator().requests("POST", "/datasets/" + DATASET.id() + "/pipeline/run").size();

        Exception noType = send("direct:runPipeline", Map.of("start_node_id", "n")).getException();
        Exception noList = send("direct:runPipeline", Map.of("datasource_type", "local_file", "start_node_id", "n"))
                .getException();
        Exception noNode = send("direct:runDatasourceNode", Map.of("datasource_type", "local_file")).getException();

        assertThat(noType).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("datasource_type");
        assertThat(noList).hasMessageContaining("datasource_info_list");
        assertThat(noNode).hasMessageContaining("node_id").hasMessageContaining(DifyConstants.PARAMETERS);
        assertThat(simulator().requests("POST", "/datasets/" + DATASET.id() + "/pipeline/run")).hasSize(before);
    }
}
