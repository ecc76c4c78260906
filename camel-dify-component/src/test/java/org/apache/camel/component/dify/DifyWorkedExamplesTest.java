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
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worked examples of src/main/docs/dify-component.adoc (chat app, workflow app, knowledge), route for route, run against the
 * simulator: if an example stops working, this fails.
 */
class DifyWorkedExamplesTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answerWith(p -> "answer " + p.turn());
    private static final SimulatedApp WORKFLOW = simulator().createApp(AppMode.WORKFLOW)
            .workflowOutputs(p -> Map.of("summary", "Summary of " + p.inputs().get("document")));
    private static final String DATASET_KEY = simulator().createDatasetKey();
    private static final SimulatedDataset DATASET = simulator().createDataset("Handbooks");

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getPropertiesComponent().addInitialProperty("dify.chat.apiKey", BOT.apiKey());
        context.getPropertiesComponent().addInitialProperty("dify.workflow.apiKey", WORKFLOW.apiKey());
        context.getPropertiesComponent().addInitialProperty("dify.dataset.apiKey", DATASET_KEY);
        context.getPropertiesComponent().addInitialProperty("dify.datasetId", DATASET.id());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // ---- chat app ----
                from("direct:support")
                        .to("dify:chat?apiKey={{dify.chat.apiKey}}")
                        .setHeader("answer", body());
                from("direct:history")
                        .to("dify:listMessages?apiKey={{dify.chat.apiKey}}&allPages=true")
                        .split(body())
                        .streaming()
                        .process(e -> lines.add(e.getMessage().getBody(Map.class).get("query") + " -> "
                                + e.getMessage().getBody(Map.class).get("answer")));
                from("direct:rate")
                        .setBody(constant(Map.of("rating", "like")))
                        .to("dify:messageFeedback?apiKey={{dify.chat.apiKey}}");

                // ---- workflow app ----
                from("direct:summarise")
                        .to("dify:workflowRun?apiKey={{dify.workflow.apiKey}}")
                        .setBody(simple("run ${header.CamelDifyWorkflowRunId}: ${header.CamelDifyWorkflowStatus},"
                                + " ${body[summary]}"));
                from("direct:progress")
                        .to("dify:workflowRun?apiKey={{dify.workflow.apiKey}}&delivery=events")
                        .split(body())
                        .streaming()
                        .filter(simple("${body.event} == 'node_finished'"))
                        .process(e -> lines.add(e.getContext()
                                .resolveLanguage("simple")
                                .createExpression("${body.data.title}")
                                .evaluate(e, String.class)));
                from("direct:runStatus")
                        .to("dify:getWorkflowRun?apiKey={{dify.workflow.apiKey}}");

                // ---- knowledge ----
                from("direct:ingest")
                        .setHeader(DifyConstants.DOCUMENT_SETTINGS, constant(Map.of(
                                "indexing_technique", "high_quality", "process_rule", Map.of("mode", "automatic"))))
                        .to("dify:createDocumentByFile?apiKey={{dify.dataset.apiKey}}&datasetId={{dify.datasetId}}")
                        .setHeader("batch", simple("${body[batch]}"))
                        .setHeader(DifyConstants.PARAMETERS, simple("${map(batch,${body[batch]})}"))
                        .to("dify:indexingStatus?apiKey={{dify.dataset.apiKey}}&datasetId={{dify.datasetId}}");
                from("direct:pipeline")
                        .to("dify:uploadPipelineFile?apiKey={{dify.dataset.apiKey}}")
                        .process(e -> e.getMessage()
                                .setBody(Map.of(
                                        "datasource_type", "local_file",
                                        "start_node_id", "1750000000000",
                                        "datasource_info_list", List.of(Map.of("reference",
                                                e.getMessage().getBody(Map.class).get("id"))))))
                        .to("dify:runPipeline?apiKey={{dify.dataset.apiKey}}&datasetId={{dify.datasetId}}");
            }
        };
    }

    @Test
    void chatApp() {
        Exchange first = send("direct:support", "Where is my order?", DifyConstants.USER, "customer-42");
        String conversationId = first.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class);
        Exchange second = send("direct:support", "And the invoice?", DifyConstants.USER, "customer-42",
                DifyConstants.CONVERSATION_ID, conversationId);
        assertThat(second.getMessage().getBody(String.class)).isEqualTo("answer 2");

        send("direct:history", null, DifyConstants.USER, "customer-42", DifyConstants.CONVERSATION_ID,
                conversationId);
        assertThat(lines).containsExactly("Where is my order? -> answer 1", "And the invoice? -> answer 2");

        Exchange rated = send("direct:rate", null, DifyConstants.USER, "customer-42", DifyConstants.MESSAGE_ID,
                second.getMessage().getHeader(DifyConstants.MESSAGE_ID));
        assertThat(rated.getMessage().getBody(Map.class)).containsEntry("result", "success");
    }

    @Test
    void workflowApp() {
        Exchange run = send("direct:summarise", Map.of("document", "q3.pdf"));
        assertThat(run.getMessage().getBody(String.class)).endsWith(": succeeded, Summary of q3.pdf");

        send("direct:progress", Map.of("document", "q4.pdf"));
        assertThat(lines).isNotEmpty().doesNotContainNull();

        Map<?, ?> status = send("direct:runStatus", null, DifyConstants.WORKFLOW_RUN_ID,
                run.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).getMessage().getBody(Map.class);
        assertThat(status.get("status")).isEqualTo("succeeded");
    }

    @Test
    @SuppressWarnings("unchecked")
    void knowledge() throws Exception {
        Path handbook = Files.writeString(dir.resolve("travel.md"), "Book trains through the portal.");
        Map<String, Object> status = send("direct:ingest", handbook).getMessage().getBody(Map.class);
        assertThat((List<Map<String, Object>>) status.get("data")).singleElement()
                .satisfies(d -> assertThat(d).containsKey("indexing_status"));

        Path expenses = Files.writeString(dir.resolve("expenses.md"), "File expenses within thirty days.");
        Map<String, Object> outputs = send("direct:pipeline", expenses).getMessage().getBody(Map.class);
        assertThat((List<Map<String, Object>>) outputs.get("documents")).extracting(d -> d.get("name"))
                .containsExactly("expenses.md");
    }
}
