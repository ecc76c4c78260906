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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Knowledge bases and their documents (Dify docs /en/api-reference/knowledge-bases): create, list, get, update and
 * delete
 * datasets; create documents by text, list them, and report indexing progress. A document created through the API
 * moves through waiting, parsing, cleaning, splitting and indexing to completed, one stage per
 * {@link DifySimulator#indexingStep}, and is searchable once completed.
 */
final class Datasets {

    private static final List<String> STAGES = List.of("waiting", "parsing", "cleaning", "splitting", "indexing",
            "completed");

    private final DifySimulator sim;
    private final Labels labels;

    Datasets(DifySimulator sim, Labels labels) {
        this.sim = sim;
        this.labels = labels;
    }

    boolean handles(Call call, String[] seg) {
        return seg.length == 1 || seg.length == 2 || seg.length == 4 && seg[2].equals("document")
                && (seg[3].equals("create-by-text") || seg[3].equals("create-by-file"))
                || seg.length == 3 && seg[2].equals("documents")
                || seg.length == 5 && seg[2].equals("documents") && seg[4].equals("indexing-status");
    }

    void handle(Call call, String[] seg) throws IOException {
        if (seg.length == 1) {
            if (call.method.equals("POST")) {
                create(call);
            } else {
                list(call);
            }
            return;
        }
        SimulatedDataset dataset = sim.datasetOrNotFound(call, seg[1]);
        if (dataset == null) {
            return;
        }
        if (seg.length == 2) {
            switch (call.method) {
                case "GET" -> {
                    sim.record(call, null, Map.of(), -1);
                    sim.sendJson(call.exchange, 200, describe(dataset));
                }
                case "PATCH" -> update(call, dataset);
                default -> {
                    sim.drainAndRecord(call);
                    sim.removeDataset(dataset.id());
                    DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
                }
            }
        } else if (seg.length == 4 && seg[3].equals("create-by-file")) {
            createByFile(call, dataset);
        } else if (seg.length == 4) {
            createByText(call, dataset);
        } else if (seg.length == 3) {
            documents(call, dataset);
        } else {
            indexingStatus(call, dataset, seg[3]);
        }
    }

    private void create(Call call) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String name = Generation.text(body, "name");
        if (name == null || name.isBlank()) {
            sim.sendError(call.exchange, 400, "invalid_param", "name is required");
            return;
        }
        if (sim.datasets().stream().anyMatch(d -> d.name().equals(name))) {
            sim.sendError(call.exchange, 409, "dataset_name_duplicate",
                    "The dataset name already exists. Please modify your dataset name.");
            return;
        }
        SimulatedDataset.External external = null;
        if ("external".equals(Generation.text(body, "provider"))) {
            // langgenius/dify api/services/dataset_service.py create_empty_dataset
            ExternalKnowledgeApi api = sim.externalKnowledgeApi(Generation.text(body, "external_knowledge_api_id"));
            if (api == null) {
                sim.sendError(call.exchange, 400, "invalid_param", "External API template not found.");
                return;
            }
            String knowledgeId = Generation.text(body, "external_knowledge_id");
            if (knowledgeId == null) {
                sim.sendError(call.exchange, 400, "invalid_param", "external_knowledge_id is required");
                return;
            }
            // the knowledge base's retrieval model, else Dify's default for external ones (models/dataset.py)
            JsonNode model = body.path("retrieval_model");
            external = new SimulatedDataset.External(api, knowledgeId, model.path("top_k").asInt(2),
                    model.path("score_threshold").asDouble(0.0), model.path("score_threshold_enabled").asBoolean());
        }
        SimulatedDataset dataset = new SimulatedDataset(name);
        dataset.external(external);
        dataset.describe(body.path("description").asText(""));
        if (body.hasNonNull("indexing_technique")) {
            dataset.indexingTechnique(body.get("indexing_technique").asText());
        }
        sim.addDataset(dataset);
        sim.sendJson(call.exchange, 200, describe(dataset));
    }

    private void update(Call call, SimulatedDataset dataset) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        if (body.hasNonNull("name")) {
            dataset.rename(body.get("name").asText());
        }
        if (body.hasNonNull("description")) {
            dataset.describe(body.get("description").asText());
        }
        if (body.hasNonNull("indexing_technique")) {
            dataset.indexingTechnique(body.get("indexing_technique").asText());
        }
        sim.sendJson(call.exchange, 200, describe(dataset));
    }

    private void list(Call call) throws IOException {
        sim.record(call, null, Map.of(), -1);
        Map<String, String> query = call.queryParams();
        String keyword = query.getOrDefault("keyword", "");
        // tag_ids repeats, one value per tag (Dify's OpenAPI spec: an array in form style)
        List<String> tagIds = call.queryValues("tag_ids");
        List<ObjectNode> all = sim.datasets()
                .stream()
                .filter(d -> d.name().contains(keyword))
                .filter(d -> tagIds.isEmpty() || labels.boundToAny(d.id(), tagIds))
                .sorted(java.util.Comparator.comparingLong(SimulatedDataset::createdAt))
                .map(this::describe)
                .toList();
        sim.sendJson(call.exchange, 200, sim.numberedPage(query, all));
    }

    private ObjectNode describe(SimulatedDataset dataset) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("id", dataset.id())
                .put("name", dataset.name())
                .put("description", dataset.description())
                .put("provider", dataset.external() == null ? "vendor" : "external")
                .put("permission", "only_me")
                .put("data_source_type", "upload_file")
                .put("indexing_technique", dataset.indexingTechnique() == null ? "" : dataset.indexingTechnique())
                .put("app_count", 0)
                .put("document_count", dataset.documents().size())
                .put("word_count", dataset.documents().stream().mapToInt(SimulatedDataset.Document::wordCount).sum())
                .put("created_by", AppRecords.TENANT_ID)
                .put("author_name", "simulator")
                .put("created_at", dataset.createdAt())
                .put("updated_by", AppRecords.TENANT_ID)
                .put("updated_at", now)
                .put("embedding_model", "text-embedding-3-small")
                .put("embedding_model_provider", "openai")
                .put("embedding_available", true);
        ObjectNode retrieval = json.putObject("retrieval_model_dict")
                .put("search_method", "semantic_search")
                .put("reranking_enable", false);
        retrieval.putObject("reranking_model").put("reranking_provider_name", "").put("reranking_model_name", "");
        retrieval.put("top_k", 4).put("score_threshold_enabled", false).put("score_threshold", 0.0);
        ArrayNode tags = json.putArray("tags");
        labels.tagsOf(dataset.id()).forEach(t -> tags.add(t.deepCopy()));
        json.put("doc_form", "text_model");
        json.putArray("doc_metadata");
        json.put("built_in_field_enabled", false);
        json.put("runtime_mode", dataset.runsKnowledgePipeline() ? "rag_pipeline" : "general");
        SimulatedDataset.External external = dataset.external();
        if (external != null) {
            json.putObject("external_knowledge_info")
                    .put("external_knowledge_id", external.knowledgeId())
                    .put("external_knowledge_api_id", external.api().id())
                    .put("external_knowledge_api_name", external.api().name())
                    .put("external_knowledge_api_endpoint", external.api().endpoint());
            json.putObject("external_retrieval_model")
                    .put("top_k", external.topK())
                    .put("score_threshold", external.scoreThreshold())
                    .put("score_threshold_enabled", external.scoreThresholdEnabled());
        }
        return json;
    }

    private void createByText(Call call, SimulatedDataset dataset) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String name = Generation.text(body, "name");
        String text = Generation.text(body, "text");
        if (name == null || text == null) {
            sim.sendError(call.exchange, 400, "invalid_param", "name and text are required");
            return;
        }
        if (dataset.indexingTechnique() == null || dataset.indexingTechnique().isEmpty()) {
            if (!body.hasNonNull("indexing_technique")) {
                sim.sendError(call.exchange, 400, "invalid_param", "indexing_technique is required.");
                return;
            }
            dataset.indexingTechnique(body.get("indexing_technique").asText());
        }
        String batch = String.valueOf(System.nanoTime());
        SimulatedDataset.Document document = dataset.add(name, text, Map.of(), batch, System.currentTimeMillis());
        sendDocument(call, document, batch);
    }

    /** Knowledge document types (langgenius/dify api/constants/__init__.py, DOCUMENT_EXTENSIONS without the
     * Unstructured ones). */
    static final java.util.Set<String> DOCUMENT_EXTENSIONS = java.util.Set.of("txt", "markdown", "md", "mdx", "pdf",
            "html", "htm", "xlsx", "xls", "docx", "csv", "vtt", "properties");

    /**
     * The multipart form of a document-by-file request, checked as Dify does; {@code null} after an error answer.
     * A bad type or size gives 400 invalid_param with an empty message, the server's uncaught service error
     * (langgenius/dify api/controllers/service_api/dataset/document.py).
     */
    Uploads.Form documentFile(Call call, SimulatedDataset dataset, boolean first) throws IOException {
        Uploads.Form form = sim.uploads().parse(call);
        if (form == null) {
            return null;
        }
        if (form.filename() == null) {
            sim.sendError(call.exchange, 400, "no_file_uploaded", "Please upload your file.");
            return null;
        }
        if (!DOCUMENT_EXTENSIONS.contains(Uploads.extension(form.filename()))
                || form.size() > sim.uploadLimits().limitFor(form.filename())) {
            sim.sendError(call.exchange, 400, "invalid_param", "");
            return null;
        }
        ObjectNode settings = settings(form);
        if (first && (dataset.indexingTechnique() == null || dataset.indexingTechnique().isEmpty())) {
            if (!settings.hasNonNull("indexing_technique")) {
                sim.sendError(call.exchange, 400, "invalid_param", "indexing_technique is required.");
                return null;
            }
            dataset.indexingTechnique(settings.get("indexing_technique").asText());
        }
        return form;
    }

    private ObjectNode settings(Uploads.Form form) {
        try {
            String data = form.fields().get("data");
            return data == null ? sim.mapper().createObjectNode() : (ObjectNode) sim.mapper().readTree(data);
        } catch (IOException | ClassCastException e) {
            return sim.mapper().createObjectNode();
        }
    }

    private void createByFile(Call call, SimulatedDataset dataset) throws IOException {
        Uploads.Form form = documentFile(call, dataset, true);
        if (form == null) {
            return;
        }
        String batch = String.valueOf(System.nanoTime());
        SimulatedDataset.Document document = dataset.add(form.filename(),
                new String(form.head(), java.nio.charset.StandardCharsets.UTF_8), Map.of(), batch,
                System.currentTimeMillis());
        sendDocument(call, document, batch);
    }

    void sendDocument(Call call, SimulatedDataset.Document document, String batch) throws IOException {
        ObjectNode json = sim.mapper().createObjectNode();
        json.set("document", document(document));
        json.put("batch", batch);
        sim.sendJson(call.exchange, 200, json);
    }

    private void documents(Call call, SimulatedDataset dataset) throws IOException {
        sim.record(call, null, Map.of(), -1);
        Map<String, String> query = call.queryParams();
        List<ObjectNode> all = dataset.documents()
                .stream()
                .filter(d -> d.name().contains(query.getOrDefault("keyword", "")))
                .map(this::document)
                .toList();
        sim.sendJson(call.exchange, 200, sim.numberedPage(query, all));
    }

    /** A document's metadata values as Dify lists them: {@code [{id, name, type, value}]}. */
    com.fasterxml.jackson.databind.node.ArrayNode docMetadata(SimulatedDataset.Document document) {
        return labels.docMetadata(document);
    }

    ObjectNode document(SimulatedDataset.Document document) {
        String stage = stage(document, sim.indexingStepMillis());
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("id", document.id())
                .put("position", document.position())
                .put("data_source_type", "upload_file");
        json.putObject("data_source_info");
        json.putObject("data_source_detail_dict");
        json.put("dataset_process_rule_id", UUID.nameUUIDFromBytes(document.id().getBytes()).toString())
                .put("name", document.name())
                .put("created_from", "api")
                .put("created_by", AppRecords.TENANT_ID)
                .put("created_at", document.indexedFrom() / 1000)
                .put("tokens", document.wordCount() / 4)
                .put("indexing_status", stage);
        json.put("error", stage.equals("error") ? document.indexingError() : null);
        json.put("enabled", document.enabled);
        json.putNull("disabled_at");
        json.putNull("disabled_by");
        json.put("archived", document.archived)
                .put("display_status", !document.enabled ? "disabled"
                        : stage.equals("completed") ? "available" : stage.equals("error") ? "error" : "indexing")
                .put("word_count", document.wordCount())
                .put("hit_count", 0)
                .put("doc_form", "text_model");
        json.set("doc_metadata", labels.docMetadata(document));
        json.putNull("summary_index_status");
        json.put("need_summary", false);
        return json;
    }

    private void indexingStatus(Call call, SimulatedDataset dataset, String batch) throws IOException {
        sim.record(call, null, Map.of(), -1);
        List<SimulatedDataset.Document> inBatch = dataset.documents()
                .stream()
                .filter(d -> batch.equals(d.batch()))
                .toList();
        if (inBatch.isEmpty()) {
            sim.sendError(call.exchange, 404, "not_found", "Documents not found.");
            return;
        }
        ObjectNode json = sim.mapper().createObjectNode();
        ArrayNode data = json.putArray("data");
        long step = sim.indexingStepMillis();
        for (SimulatedDataset.Document document : inBatch) {
            String stage = stage(document, step);
            // a failed indexing got as far as splitting
            int reached = stage.equals("error") ? STAGES.indexOf("indexing") : STAGES.indexOf(stage);
            ObjectNode item = data.addObject().put("id", document.id()).put("indexing_status", stage);
            String[] marks = {"processing_started_at", "parsing_completed_at", "cleaning_completed_at",
                    "splitting_completed_at", "completed_at"};
            for (int i = 0; i < marks.length; i++) {
                if (reached > i) {
                    item.put(marks[i], (document.indexedFrom() + step * (i + 1)) / 1000.0);
                } else {
                    item.putNull(marks[i]);
                }
            }
            item.putNull("paused_at");
            item.put("error", stage.equals("error") ? document.indexingError() : null);
            item.putNull("stopped_at");
            int total = document.segments().size();
            item.put("completed_segments", stage.equals("completed") ? total : stage.equals("indexing") ? total / 2 : 0)
                    .put("total_segments", total);
        }
        sim.sendJson(call.exchange, 200, json);
    }

    /** A document's indexing stage by the time since its creation; documents added by a test are completed. */
    static String stage(SimulatedDataset.Document document, long stepMillis) {
        if (document.indexedFrom() == 0) {
            return "completed";
        }
        if (document.ignoredByPipeline) {
            return "waiting";
        }
        long elapsed = System.currentTimeMillis() - document.indexedFrom();
        int index = (int) Math.min(STAGES.size() - 1, elapsed / Math.max(1, stepMillis));
        if (document.indexingError() != null && index >= STAGES.indexOf("indexing")) {
            return "error";
        }
        return STAGES.get(index);
    }

    static boolean indexed(SimulatedDataset.Document document, long stepMillis) {
        return stage(document, stepMillis).equals("completed");
    }
}
