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

import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Where the example finds its knowledge base: a real Dify from {@code DIFY_BASE_URL} and {@code DIFY_DATASET_API_KEY}
 * (a knowledge API key; the knowledge base {@code DIFY_DATASET_ID}, or one named {@value #NAME} that the example
 * creates), or else the bundled simulator, where one sample document fails its indexing on purpose.
 */
public final class IngestionDify implements AutoCloseable {

    static final String NAME = "camel-dify ingestion example";
    /** The sample whose indexing the simulator fails, to show the dead-letter queue. */
    static final String FAILING_SAMPLE = "scanned-contract.md";

    private final DifySimulator simulator;
    private final SimulatedDataset dataset;
    private final String baseUrl;
    private final String apiKey;
    private final String datasetId;

    private IngestionDify(DifySimulator simulator, SimulatedDataset dataset, String baseUrl, String apiKey,
            String datasetId) {
        this.simulator = simulator;
        this.dataset = dataset;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.datasetId = datasetId;
    }

    public static IngestionDify fromEnvironment() throws Exception {
        String baseUrl = System.getenv("DIFY_BASE_URL");
        String apiKey = System.getenv("DIFY_DATASET_API_KEY");
        if (baseUrl != null && !baseUrl.isBlank() && apiKey != null && !apiKey.isBlank()) {
            String datasetId = System.getenv("DIFY_DATASET_ID");
            if (datasetId == null || datasetId.isBlank()) {
                datasetId = findOrCreate(baseUrl, apiKey);
            }
            System.out.println("Using the knowledge base " + datasetId + " of the Dify at " + baseUrl);
            return new IngestionDify(null, null, baseUrl, apiKey, datasetId);
        }
        DifySimulator simulator = DifySimulator.start();
        System.out.println("DIFY_BASE_URL / DIFY_DATASET_API_KEY not set: using the bundled Dify simulator at "
                + simulator.baseUrl());
        return simulated(simulator);
    }

    /** A knowledge base on {@code simulator}, where {@link #FAILING_SAMPLE} fails its indexing. */
    public static IngestionDify simulated(DifySimulator simulator) {
        SimulatedDataset dataset = simulator.createDataset(NAME + " " + System.nanoTime())
                .failIndexingOf(FAILING_SAMPLE, "no text found: the document is a scanned image");
        return new IngestionDify(simulator, dataset, simulator.baseUrl(), simulator.createDatasetKey(), dataset.id());
    }

    // the knowledge base named NAME, created when there is none
    @SuppressWarnings("unchecked")
    private static String findOrCreate(String baseUrl, String apiKey) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            DifyComponent dify = camel.getComponent("dify", DifyComponent.class);
            dify.getConfiguration().setBaseUrl(baseUrl);
            dify.getConfiguration().setApiKey(apiKey);
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            Map<String, Object> page = template.requestBodyAndHeader("dify:listDatasets", null,
                    DifyConstants.PARAMETERS, Map.of("keyword", NAME), Map.class);
            for (Map<String, Object> dataset : (List<Map<String, Object>>) page.get("data")) {
                if (NAME.equals(dataset.get("name"))) {
                    return (String) dataset.get("id");
                }
            }
            Map<String, Object> created = template.requestBody("dify:createDataset",
                    Map.of("name", NAME, "indexing_technique", "high_quality"), Map.class);
            return (String) created.get("id");
        }
    }

    /** The simulated knowledge base, or {@code null} on a real Dify. */
    public SimulatedDataset simulatedDataset() {
        return dataset;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String apiKey() {
        return apiKey;
    }

    public String datasetId() {
        return datasetId;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
