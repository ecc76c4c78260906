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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Knowledge API part of the simulator: {@code POST /datasets/{id}/retrieve} (and its alias {@code hit-testing})
 * with a knowledge key. Chunks are ranked by cosine similarity of term frequencies, a stand-in for embeddings that
 * still puts the relevant chunk first; {@code top_k} and the score threshold apply as in Dify.
 */
final class Knowledge {

    private static final Set<String> SEARCH_METHODS = Set.of("semantic_search", "full_text_search", "hybrid_search",
            "keyword_search");

    private final DifySimulator sim;
    private final Datasets datasets;
    private final Chunks chunks;
    private final Labels labels;
    private final Pipelines pipelines;

    Knowledge(DifySimulator sim) {
        this.sim = sim;
        this.labels = new Labels(sim);
        this.datasets = new Datasets(sim, labels);
        this.chunks = new Chunks(sim, datasets);
        this.pipelines = new Pipelines(sim, datasets);
    }

    void handle(Call call, String[] seg) throws IOException {
        if (!sim.authenticateDataset(call)) {
            return;
        }
        Fault fault = sim.takeKnowledgeFault(call);
        call.scripted = fault != null;
        if (fault instanceof Fault.HttpResponse response) {
            sim.drainAndRecord(call);
            DifySimulator.sendRaw(call.exchange, response.status(), response.contentType(), response.body());
            return;
        }
        boolean retrieval = seg.length == 3 && call.method.equals("POST")
                && (seg[2].equals("retrieve") || seg[2].equals("hit-testing"));
        if (!call.method.equals("GET") && !retrieval && !sim.admitKnowledgeWrite()) {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 403, "forbidden",
                    "Sorry, you have reached the knowledge base request rate limit of your subscription.");
            return;
        }
        if (retrieval) {
            retrieve(call, seg[1]);
            return;
        }
        if (pipelines.handles(seg)) {
            pipelines.handle(call, seg);
            return;
        }
        if (labels.handles(seg)) {
            labels.handle(call, seg);
            return;
        }
        if (seg.length > 1 && chunks.handles(seg)) {
            SimulatedDataset dataset = sim.datasetOrNotFound(call, seg[1]);
            if (dataset == null) {
                return;
            }
            chunks.handle(call, dataset, seg);
            return;
        }
        if (datasets.handles(call, seg)) {
            datasets.handle(call, seg);
            return;
        }
        sim.drainAndRecord(call);
        sim.sendError(call.exchange, 404, "not_found", DifySimulator.NOT_FOUND_URL);
    }

    private void retrieve(Call call, String datasetId) throws IOException {
        SimulatedDataset dataset = sim.datasetOrNotFound(call, datasetId);
        if (dataset == null) {
            return;
        }
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String query = Generation.text(body, "query");
        if (query == null || query.isBlank()) {
            sim.sendError(call.exchange, 400, "invalid_param", "Query is required.");
            return;
        }
        if (query.length() > 250) {
            sim.sendError(call.exchange, 400, "invalid_param", "Query cannot exceed 250 characters.");
            return;
        }
        int topK = 4;
        double threshold = 0.0;
        JsonNode model = body.get("retrieval_model");
        if (model != null && model.isObject()) {
            String method = Generation.text(model, "search_method");
            if (method == null || !SEARCH_METHODS.contains(method) || !model.has("reranking_enable")
                    || !model.has("top_k") || !model.has("score_threshold_enabled")) {
                sim.sendError(call.exchange, 400, "invalid_param", "1 validation error for RetrievalModel\n"
                        + "search_method, reranking_enable, top_k and score_threshold_enabled are required");
                return;
            }
            topK = model.get("top_k").asInt();
            if (model.get("score_threshold_enabled").asBoolean() && model.hasNonNull("score_threshold")) {
                threshold = model.get("score_threshold").asDouble();
            }
        }
        JsonNode filter = model == null ? null : model.get("metadata_filtering_conditions");
        List<Scored> scored = search(dataset, query, topK, threshold, filter);
        ObjectNode response = sim.mapper().createObjectNode();
        response.putObject("query").put("content", query);
        ArrayNode records = response.putArray("records");
        long now = System.currentTimeMillis() / 1000;
        for (Scored hit : scored) {
            ObjectNode record = records.addObject();
            ObjectNode segment = record.putObject("segment")
                    .put("id", hit.segment().id())
                    .put("position", hit.segment().position())
                    .put("document_id", hit.document().id())
                    .put("content", hit.segment().content())
                    .putNull("sign_content");
            segment.putNull("answer");
            segment.put("word_count", hit.segment().content().length())
                    .put("tokens", SimulatedApp.words(hit.segment().content()).size());
            ArrayNode keywords = segment.putArray("keywords");
            terms(hit.segment().content()).keySet().stream().limit(5).forEach(keywords::add);
            segment.put("index_node_id", hit.segment().id())
                    .put("index_node_hash", Integer.toHexString(
                            hit.segment().content().hashCode()))
                    .put("hit_count", 1)
                    .put("enabled", true)
                    .putNull("disabled_at");
            segment.putNull("disabled_by");
            segment.put("status", "completed")
                    .put("created_by", "simulator")
                    .put("created_at", now)
                    .put("indexing_at", now)
                    .put("completed_at", now)
                    .putNull("error");
            segment.putNull("stopped_at");
            ObjectNode document = segment.putObject("document")
                    .put("id", hit.document().id())
                    .put("data_source_type", "upload_file")
                    .put("name", hit.document().name());
            document.putNull("doc_type");
            document.set("doc_metadata", sim.mapper().valueToTree(hit.document().metadata()));
            record.putArray("child_chunks");
            record.put("score", hit.score()).putNull("tsne_position");
            record.putArray("files");
            record.putNull("summary");
        }
        sim.sendJson(call.exchange, 200, response);
    }

    /**
     * The {@code topK} indexed chunks of {@code dataset} most similar to {@code query}, best first, scoring at least
     * {@code threshold}, of documents whose metadata passes {@code filter} (Dify's metadata filtering conditions, or
     * {@code null}).
     */
    List<Scored> search(SimulatedDataset dataset, String query, int topK, double threshold, JsonNode filter) {
        Map<String, Integer> queryTerms = terms(query);
        List<Scored> scored = new ArrayList<>();
        for (SimulatedDataset.Document document : dataset.documents()) {
            if (!Datasets.indexed(document, sim.indexingStepMillis())) {
                continue; // not searchable until its indexing completed
            }
            if (!MetadataFilter.matches(filter, document.metadata())) {
                continue;
            }
            for (SimulatedDataset.Segment segment : document.segments()) {
                double score = cosine(queryTerms, terms(segment.content()));
                if (score > 0 && score >= threshold) {
                    scored.add(new Scored(document, segment, Math.round(score * 10000) / 10000.0));
                }
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed());
        return scored.subList(0, Math.min(topK, scored.size()));
    }

    private static Map<String, Integer> terms(String text) {
        Map<String, Integer> terms = new HashMap<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 2) {
                terms.merge(word, 1, Integer::sum);
            }
        }
        return terms;
    }

    private static double cosine(Map<String, Integer> a, Map<String, Integer> b) {
        double dot = 0;
        for (Map.Entry<String, Integer> e : a.entrySet()) {
            dot += e.getValue() * b.getOrDefault(e.getKey(), 0);
        }
        if (dot == 0) {
            return 0;
        }
        return dot / (norm(a) * norm(b));
    }

    private static double norm(Map<String, Integer> v) {
        return Math.sqrt(v.values().stream().mapToDouble(x -> (double) x * x).sum());
    }

    /** A chunk found for a query, with its similarity score (four decimals). */
    record Scored(SimulatedDataset.Document document, SimulatedDataset.Segment segment, double score) {
    }
}
