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
package io.cameldify.kamelets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.apache.camel.main.KameletMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets of camel-dify (kamelets/ on the classpath), used by YAML routes on KameletMain against the simulator:
 * a chat action, a workflow action, a knowledge sink that waits until Dify has indexed the document, an events
 * source, and a source of every finished workflow run.
 */
class DifyKameletsTest {

    private static final DifySimulator DIFY = DifySimulator.start().indexingStep(Duration.ofMillis(40));
    private static final SimulatedApp CHAT = DIFY.createApp(AppMode.CHAT).answer("Your order ships tomorrow.");
    private static final SimulatedApp WORKFLOW = DIFY.createApp(AppMode.WORKFLOW)
            .workflowOutputs(prompt -> Map.of("summary", "short"));
    private static final SimulatedApp SCHEDULED = DIFY.createApp(AppMode.WORKFLOW)
            .workflowOutputs(prompt -> Map.of("digest", "sent to " + prompt.inputs().get("team")));
    private static final String DATASET_KEY = DIFY.createDatasetKey();
    private static final SimulatedDataset HANDBOOK = DIFY.createDataset("Handbook");
    private static KameletMain main;
    private static ProducerTemplate template;
    private static ConsumerTemplate consumer;

    @BeforeAll
    static void startKameletMain() throws Exception {
        main = new KameletMain("dify-kamelets-test");
        main.setDownload(false); // everything is on the test classpath; nothing is fetched
        main.addInitialProperty("dify.baseUrl", DIFY.baseUrl());
        main.addInitialProperty("dify.chat.apiKey", CHAT.apiKey());
        main.addInitialProperty("dify.workflow.apiKey", WORKFLOW.apiKey());
        main.addInitialProperty("dify.dataset.apiKey", DATASET_KEY);
        main.addInitialProperty("dify.datasetId", HANDBOOK.id());
        main.addInitialProperty("dify.scheduled.apiKey", SCHEDULED.apiKey());
        main.configure().withRoutesIncludePattern("classpath:kamelet-routes.yaml");
        main.start();
        CamelContext camel = main.getCamelContext();
        template = camel.createProducerTemplate();
        consumer = camel.createConsumerTemplate();
    }

    @AfterAll
    static void stop() {
        if (main != null) {
            main.stop();
        }
        DIFY.close();
    }

    @Test
    void theChatActionAnswersAndTheEventsSourceSeesTheStream() {
        Exchange answered = template.request("direct:ask", e -> e.getMessage().setBody("Where is my order?"));

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(String.class)).isEqualTo("Your order ships tomorrow.");
        assertThat(answered.getMessage().getHeader(DifyConstants.CONVERSATION_ID)).isNotNull();
        Exchange event = consumer.receive("seda:answered", Duration.ofSeconds(10).toMillis());
        assertThat(event).isNotNull();
        assertThat(event.getMessage().getHeader(DifyConstants.EVENT)).isEqualTo("message_end");
    }

    @Test
    void theWorkflowActionRunsWithAJsonBody() {
        Exchange run = template.request("direct:summarise",
                e -> e.getMessage().setBody("{\"document\":\"q3.pdf\"}"));

        assertThat(run.getException()).isNull();
        assertThat(run.getMessage().getBody(Map.class)).containsEntry("summary", "short");
    }

    @Test
    void theKnowledgeSinkWaitsUntilTheDocumentIsIndexed() {
        Exchange ingested = template.request("direct:ingest", e -> {
            e.getMessage().setBody("Returns are accepted within 30 days.".getBytes(StandardCharsets.UTF_8));
            e.getMessage().setHeader(Exchange.FILE_NAME, "returns.txt");
        });

        assertThat(ingested.getException()).isNull();
        assertThat(ingested.getMessage().getBody(String.class)).contains("indexing_status=completed");
        // indexing takes several steps of 40 ms, checked every 20 ms: the sink waited for it
        assertThat(DIFY.requests().stream().filter(r -> r.path().endsWith("/indexing-status")).count())
                .isGreaterThan(1);
        assertThat(HANDBOOK.documents()).anySatisfy(d -> assertThat(d.name()).isEqualTo("returns.txt"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowRunsSourceEmitsARunDifysScheduleStarted() {
        String runId = SCHEDULED.runTriggeredBy("schedule", Map.of("team", "support"));

        Exchange run = consumer.receive("seda:finishedRuns", Duration.ofSeconds(20).toMillis());

        assertThat(run).isNotNull();
        assertThat(run.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).isEqualTo(runId);
        assertThat(run.getMessage().getHeader(DifyConstants.TRIGGERED_FROM)).isEqualTo("schedule");
        assertThat(run.getMessage().getBody(Map.class)).containsEntry("outputs", Map.of("digest", "sent to support"));
    }
}
