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
package org.apache.camel.component.dify.example.ingestion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The document-ingestion example on the simulator and an embedded Artemis broker: the one-command run, and two
 * instances of the routes as competing consumers on one broker, fed with repeated documents, a file and a document
 * whose indexing fails.
 */
class DocumentIngestionExampleTest {

    private static DifySimulator simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = DifySimulator.start();
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void theExampleIndexesItsSamplesOnceAndDeadLettersTheScan(@TempDir Path inbox) throws Exception {
        IngestionDify dify = IngestionDify.simulated(simulator);

        List<String> results = DocumentIngestionExample.run(dify, inbox);

        assertThat(results).filteredOn(line -> line.startsWith("indexed: "))
                .hasSize(4)
                .anySatisfy(line -> assertThat(line).contains("\"action\":\"UNCHANGED\"", "support-hours.md"));
        assertThat(results).filteredOn(line -> line.startsWith("dead-lettered: "))
                .singleElement()
                .satisfies(line -> assertThat(line).contains(IngestionDify.FAILING_SAMPLE,
                        "no text found: the document is a scanned image"));
        assertThat(dify.simulatedDataset().documents()).extracting(SimulatedDataset.Document::name)
                .containsExactlyInAnyOrder("refund-policy.md", "shipping-times.md", "support-hours.md",
                        IngestionDify.FAILING_SAMPLE);
    }

    @Test
    void twoInstancesOnOneBrokerIndexEveryDocumentOnce(@TempDir Path inboxA, @TempDir Path inboxB) throws Exception {
        IngestionDify dify = IngestionDify.simulated(simulator);
        SimulatedDataset dataset = dify.simulatedDataset();
        List<Map<String, Object>> indexed = Collections.synchronizedList(new ArrayList<>());
        List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
        Set<String> instances = ConcurrentHashMap.newKeySet();
        ObjectMapper json = new ObjectMapper();

        try (IngestionBroker broker = IngestionBroker.start();
                CamelContext a = instance("a", broker, dify, inboxA);
                CamelContext b = instance("b", broker, dify, inboxB)) {
            a.addRoutes(new RouteBuilder() {

                @Override
                public void configure() {
                    from("jms:queue:documents.indexed").process(e -> {
                        instances.add(e.getMessage().getHeader("indexedBy", String.class));
                        indexed.add(json.readValue(e.getMessage().getBody(String.class), Map.class));
                    });
                    from("jms:queue:documents.DLQ").process(e -> deadLettered
                            .add(e.getMessage().getHeader("failureReason", String.class)));
                }
            });
            a.start();
            b.start();
            ProducerTemplate producer = a.createProducerTemplate();
            int distinct = 16;
            int repeats = 8;
            for (int i = 0; i < distinct + repeats; i++) {
                String name = "doc-" + (i % distinct) + ".md";
                producer.sendBodyAndHeaders("jms:queue:documents", "Content of " + name,
                        Map.of(IngestionRoutes.DOCUMENT_NAME, name, "JMSXGroupID", name));
            }
            producer.sendBodyAndHeaders("jms:queue:documents", "A scan.",
                    Map.of(IngestionRoutes.DOCUMENT_NAME, IngestionDify.FAILING_SAMPLE, "JMSXGroupID",
                            IngestionDify.FAILING_SAMPLE));
            Files.writeString(inboxA.resolve("dropped.txt"), "A file dropped in the inbox.");

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> indexed.size() == distinct + repeats + 1 && deadLettered.size() == 1);

            assertThat(dataset.documents()).hasSize(distinct + 2); // the failed one was created, never indexed
            assertThat(dataset.documents()).extracting(SimulatedDataset.Document::name).doesNotHaveDuplicates();
            assertThat(simulator.requests("POST", "/datasets/" + dataset.id() + "/document/create-by-text"))
                    .hasSize(distinct + 1);
            assertThat(simulator.requests("POST", "/datasets/" + dataset.id() + "/document/create-by-file"))
                    .hasSize(1);
            assertThat(indexed).filteredOn(r -> "CREATED".equals(r.get("action"))).hasSize(distinct + 1);
            assertThat(indexed).filteredOn(r -> "UNCHANGED".equals(r.get("action"))).hasSize(repeats);
            assertThat(indexed).allSatisfy(r -> assertThat(r).containsEntry("indexingStatus", "completed"));
            assertThat(deadLettered).singleElement().asString().contains("no text found");
            assertThat(instances).as("both instances took documents").containsExactlyInAnyOrder("a", "b");
        }
    }

    // one instance of the routes, as on its own machine: its own Camel, its own connection to the broker
    private static CamelContext instance(String name, IngestionBroker broker, IngestionDify dify, Path inbox)
            throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("ingestion.inbox", inbox.toString());
        camel.addComponent("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
        DifyComponent difyComponent = camel.getComponent("dify", DifyComponent.class);
        difyComponent.getConfiguration().setBaseUrl(dify.baseUrl());
        difyComponent.getConfiguration().setApiKey(dify.apiKey());
        difyComponent.getConfiguration().setDatasetId(dify.datasetId());
        camel.addRoutes(new IngestionRoutes(name));
        return camel;
    }
}
