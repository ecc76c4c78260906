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
package org.apache.camel.component.dify.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the simulated Dify calls out to while an app answers, in Dify's order (langgenius/dify
 * api/core/app/apps/chat/app_runner.py): input moderation and external data tools through API-based extensions, then
 * the app's knowledge bases (External Knowledge APIs for external ones); after answering, output moderation. Requests
 * have Dify's shapes: {@code {"point": ..., "params": ...}} with a bearer key for extensions
 * (api/core/extension/api_based_extension_requestor.py), {@code {"knowledge_id", "query", "retrieval_setting"}} to
 * {@code <endpoint>/retrieval} for external knowledge (api/services/external_knowledge_service.py).
 */
final class Callouts {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DifySimulator sim;
    private final Knowledge knowledge;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Callouts(DifySimulator sim, Knowledge knowledge) {
        this.sim = sim;
        this.knowledge = knowledge;
        this.mapper = sim.mapper();
    }

    /** A call out that failed; the message fails, as Dify's app runner does. */
    static final class Failure extends Exception {

        Failure(String message) {
            super(message);
        }
    }

    /**
     * What the app answers from: the prompt after moderation and external data, the moderation's preset answer when
     * the input was flagged for direct output, and what the knowledge bases returned as Dify's retriever resources.
     */
    record Prepared(Prompt prompt, String presetAnswer, List<ObjectNode> retrieverResources) {
    }

    void ping(ApiExtension extension) {
        try {
            JsonNode answer = extension(extension, "ping", mapper.createObjectNode());
            if (!"pong".equals(answer.path("result").asText())) {
                throw new IllegalStateException("the API extension did not answer pong: " + answer);
            }
        } catch (Failure e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    Prepared prepare(SimulatedApp app, Prompt asked) throws Failure {
        String query = asked.query();
        Map<String, Object> inputs = new LinkedHashMap<>(asked.inputs());
        SimulatedApp.Moderation moderation = app.moderation();
        if (moderation != null && moderation.inputs()) {
            ObjectNode params = mapper.createObjectNode().put("app_id", app.id());
            params.set("inputs", mapper.valueToTree(inputs));
            params.put("query", query);
            JsonNode verdict = extension(moderation.extension(), "app.moderation.input", params);
            if (verdict.path("flagged").asBoolean()) {
                if ("direct_output".equals(verdict.path("action").asText())) {
                    return new Prepared(asked, verdict.path("preset_response").asText(""), List.of());
                }
                if (verdict.path("inputs").isObject()) {
                    inputs = mapper.convertValue(verdict.get("inputs"), MAP);
                }
                query = verdict.path("query").asText(query);
            }
        }
        for (Map.Entry<String, ApiExtension> tool : app.externalDataTools().entrySet()) {
            ObjectNode params = mapper.createObjectNode().put("app_id", app.id()).put("tool_variable", tool.getKey());
            params.set("inputs", mapper.valueToTree(inputs));
            params.put("query", query);
            JsonNode answer = extension(tool.getValue(), "app.external_data_tool.query", params);
            if (!answer.has("result")) {
                throw new Failure("result not found in response");
            }
            inputs.put(tool.getKey(), answer.get("result").asText());
        }
        List<Prompt.Passage> context = new ArrayList<>();
        List<ObjectNode> resources = new ArrayList<>();
        for (String datasetId : app.knowledge()) {
            SimulatedDataset dataset = sim.dataset(datasetId);
            if (dataset != null && !query.isEmpty()) {
                search(dataset, query, context, resources);
            }
        }
        return new Prepared(new Prompt(query, inputs, asked.user(), asked.conversationId(), asked.turn(),
                List.copyOf(context)), null, resources);
    }

    /** The answer output moderation puts in place of {@code answer}, or {@code null} when it passes. */
    String moderateOutput(SimulatedApp app, String answer) throws Failure {
        SimulatedApp.Moderation moderation = app.moderation();
        if (moderation == null || !moderation.outputs()) {
            return null;
        }
        ObjectNode params = mapper.createObjectNode().put("app_id", app.id()).put("text", answer);
        JsonNode verdict = extension(moderation.extension(), "app.moderation.output", params);
        if (!verdict.path("flagged").asBoolean()) {
            return null;
        }
        return "direct_output".equals(verdict.path("action").asText())
                ? verdict.path("preset_response").asText("")
                : verdict.path("text").asText(answer);
    }

    private void search(SimulatedDataset dataset, String query, List<Prompt.Passage> context,
            List<ObjectNode> resources) throws Failure {
        SimulatedDataset.External external = dataset.external();
        if (external == null) {
            for (Knowledge.Scored hit : knowledge.search(dataset, query, 4, 0.0, null)) {
                context.add(new Prompt.Passage(dataset.id(), hit.document().name(), hit.segment().content(),
                        hit.score()));
                resources.add(resource(resources.size() + 1, dataset)
                        .put("document_id", hit.document().id())
                        .put("document_name", hit.document().name())
                        .put("data_source_type", "upload_file")
                        .put("segment_id", hit.segment().id())
                        .put("score", hit.score())
                        .put("hit_count", 1)
                        .put("word_count", hit.segment().content().length())
                        .put("segment_position", hit.segment().position())
                        .put("index_node_hash", Integer.toHexString(hit.segment().content().hashCode()))
                        .put("content", hit.segment().content()));
            }
            return;
        }
        ObjectNode request = mapper.createObjectNode();
        request.putObject("retrieval_setting")
                .put("top_k", external.topK())
                .put("score_threshold", external.scoreThresholdEnabled() ? external.scoreThreshold() : 0.0);
        request.put("query", query).put("knowledge_id", external.knowledgeId());
        Reply reply = post(external.api().endpoint() + "/retrieval", external.api().apiKey(), request);
        if (reply.status() != 200) {
            return; // Dify takes any other answer as no records
        }
        for (JsonNode record : reply.json().path("records")) {
            String title = record.path("title").asText(null);
            double score = record.path("score").asDouble();
            String content = record.path("content").asText("");
            context.add(new Prompt.Passage(dataset.id(), title, content, score));
            resources.add(resource(resources.size() + 1, dataset)
                    .put("document_name", title)
                    .put("data_source_type", "external")
                    .put("score", score)
                    .put("title", title)
                    .put("content", content));
        }
    }

    private ObjectNode resource(int position, SimulatedDataset dataset) {
        return mapper.createObjectNode()
                .put("position", position)
                .put("dataset_id", dataset.id())
                .put("dataset_name", dataset.name())
                .put("retriever_from", "api");
    }

    private JsonNode extension(ApiExtension extension, String point, ObjectNode params) throws Failure {
        ObjectNode request = mapper.createObjectNode().put("point", point);
        request.set("params", params);
        Reply reply = post(extension.endpoint(), extension.apiKey(), request);
        if (reply.status() != 200) {
            String text = reply.text().length() > 100 ? reply.text().substring(0, 100) : reply.text();
            throw new Failure("request error, status_code: " + reply.status() + ", content: " + text);
        }
        return reply.json();
    }

    private record Reply(int status, String text, JsonNode json) {
    }

    private Reply post(String url, String apiKey, ObjectNode body) throws Failure {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.statusCode() == 200 ? mapper.readTree(response.body()) : null;
            return new Reply(response.statusCode(), response.body(), json);
        } catch (IOException e) {
            throw new Failure("request connection error: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }
}
