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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.SimulatedDataset.Document;
import org.apache.camel.component.dify.simulator.SimulatedDataset.Segment;

/**
 * One document and its chunks (Dify docs /en/api-reference, documents and chunks): get, delete and update a document
 * by text, change the
 * status of documents in batch, and create, list, get, update (with POST, as Dify) and delete chunks (segments) and
 * their child chunks.
 */
final class Chunks {

    private static final Set<String> STATUS_ACTIONS = Set.of("enable", "disable", "archive", "un_archive");

    private final DifySimulator sim;
    private final Datasets datasets;

    Chunks(DifySimulator sim, Datasets datasets) {
        this.sim = sim;
        this.datasets = datasets;
    }

    boolean handles(String[] seg) {
        return seg.length >= 4 && seg[2].equals("documents") && !(seg.length == 5 && seg[4].equals("indexing-status"));
    }

    void handle(Call call, SimulatedDataset dataset, String[] seg) throws IOException {
        boolean byFile = seg.length == 4 && call.method.equals("PATCH")
                || seg.length == 5 && seg[4].equals("update-by-file");
        if (byFile) {
            updateByFile(call, dataset, seg[3]);
            return;
        }
        if (seg.length == 4 && seg[3].equals("download-zip")) {
            zip(call, dataset);
            return;
        }
        ObjectNode body = call.method.equals("GET") || call.method.equals("DELETE") ? null : sim.readJson(call);
        if (body == null && !call.method.equals("GET") && !call.method.equals("DELETE")) {
            return; // readJson answered 400
        }
        if (call.method.equals("GET") || call.method.equals("DELETE")) {
            sim.drainAndRecord(call);
        }
        if (seg[3].equals("status")) {
            status(call, dataset, seg[4], body);
            return;
        }
        Document document = dataset.documents().stream().filter(d -> d.id().equals(seg[3])).findFirst().orElse(null);
        if (document == null) {
            sim.sendError(call.exchange, 404, "not_found", "Document Not Exists.");
            return;
        }
        if (seg.length == 4) {
            if (call.method.equals("GET")) {
                sim.sendJson(call.exchange, 200, detail(document));
            } else {
                dataset.documents().remove(document);
                DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
            }
            return;
        }
        if (seg[4].equals("download")) {
            sim.sendJson(call.exchange, 200, sim.mapper()
                    .createObjectNode()
                    .put("url", sim.baseUrl()
                            + "/files/" + document.id() + "/file-preview?timestamp=1&nonce=" + sim.token() + "&sign="
                            + sim.token()));
            return;
        }
        if (seg[4].equals("update-by-text")) {
            if (body.hasNonNull("name")) {
                document.name = body.get("name").asText();
            }
            String batch = document.batch();
            if (body.hasNonNull("text")) {
                document.replaceText(body.get("text").asText());
                batch = dataset.reindex(document);
            }
            ObjectNode json = sim.mapper().createObjectNode();
            json.set("document", datasets.document(document));
            json.put("batch", batch == null ? String.valueOf(System.nanoTime()) : batch);
            sim.sendJson(call.exchange, 200, json);
            return;
        }
        segments(call, document, seg, body);
    }

    /** The detail view of a document, whose field set differs from list items (Dify's OpenAPI spec for the Knowledge
     * API). */
    private ObjectNode detail(Document document) {
        String stage = Datasets.stage(document, sim.indexingStepMillis());
        long created = document.indexedFrom() / 1000;
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("id", document.id())
                .put("position", document.position())
                .put("data_source_type", "upload_file");
        json.putObject("data_source_info");
        json.put("dataset_process_rule_id", UUID.nameUUIDFromBytes(document.id().getBytes()).toString());
        json.putObject("dataset_process_rule");
        json.putObject("document_process_rule");
        json.put("name", document.name())
                .put("created_from", "api")
                .put("created_by", AppRecords.TENANT_ID)
                .put("created_at", created)
                .put("tokens", document.wordCount() / 4)
                .put("indexing_status", stage);
        json.putNull("error");
        json.put("enabled", document.enabled);
        json.putNull("disabled_at");
        json.putNull("disabled_by");
        json.put("archived", document.archived)
                .put("display_status", !document.enabled ? "disabled"
                        : stage.equals("completed") ? "available" : "indexing")
                .put("hit_count", 0)
                .put("doc_form", "text_model")
                .put("doc_language", "English");
        json.putNull("doc_type");
        json.set("doc_metadata", datasets.docMetadata(document));
        boolean done = stage.equals("completed");
        if (done) {
            json.put("completed_at", created).put("updated_at", created).put("indexing_latency", 0.5);
        } else {
            json.putNull("completed_at");
            json.putNull("updated_at");
            json.putNull("indexing_latency");
        }
        int count = document.segments().size();
        json.put("segment_count", count)
                .put("average_segment_length", count == 0 ? 0.0
                        : document.segments().stream().mapToInt(s -> s.content().length()).sum() / (double) count);
        json.putNull("summary_index_status");
        return json.put("need_summary", false);
    }

    private void updateByFile(Call call, SimulatedDataset dataset, String documentId) throws IOException {
        Uploads.Form form = datasets.documentFile(call, dataset, false);
        if (form == null) {
            return;
        }
        Document document = dataset.documents()
                .stream()
                .filter(d -> d.id().equals(documentId))
                .findFirst()
                .orElse(null);
        if (document == null) {
            sim.sendError(call.exchange, 404, "not_found", "Document Not Exists.");
            return;
        }
        document.name = form.filename();
        document.replaceText(new String(form.head(), java.nio.charset.StandardCharsets.UTF_8));
        datasets.sendDocument(call, document, dataset.reindex(document));
    }

    /** {@code POST .../documents/download-zip}: the documents' text as a zip (at most 100 documents). */
    private void zip(Call call, SimulatedDataset dataset) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        JsonNode ids = body.get("document_ids");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            sim.sendError(call.exchange, 400, "invalid_param", "document_ids must list 1 to 100 documents");
            return;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (JsonNode id : ids) {
                Document document = dataset.documents()
                        .stream()
                        .filter(d -> d.id().equals(id.asText()))
                        .findFirst()
                        .orElse(null);
                if (document == null) {
                    sim.sendError(call.exchange, 404, "not_found", "Document Not Exists.");
                    return;
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(document.name()));
                for (Segment segment : document.segments()) {
                    zip.write((segment.content() + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        DifySimulator.sendBytes(call.exchange, 200, "application/zip", bytes.toByteArray());
    }

    private void status(Call call, SimulatedDataset dataset, String action, ObjectNode body) throws IOException {
        if (!STATUS_ACTIONS.contains(action)) {
            sim.sendError(call.exchange, 400, "invalid_action", "Invalid action.");
            return;
        }
        JsonNode ids = body.get("document_ids");
        if (ids == null || !ids.isArray()) {
            sim.sendError(call.exchange, 400, "invalid_param", "document_ids is required");
            return;
        }
        for (JsonNode id : ids) {
            dataset.documents().stream().filter(d -> d.id().equals(id.asText())).forEach(d -> {
                switch (action) {
                    case "enable" -> d.enabled = true;
                    case "disable" -> d.enabled = false;
                    case "archive" -> d.archived = true;
                    default -> d.archived = false;
                }
            });
        }
        sim.sendJson(call.exchange, 200, sim.mapper().createObjectNode().put("result", "success"));
    }

    private void segments(Call call, Document document, String[] seg, ObjectNode body) throws IOException {
        if (seg.length == 5) {
            if (call.method.equals("POST")) {
                JsonNode items = body.get("segments");
                if (items == null || !items.isArray() || items.isEmpty()) {
                    sim.sendError(call.exchange, 400, "invalid_param", "segments is required");
                    return;
                }
                ObjectNode json = sim.mapper().createObjectNode();
                ArrayNode data = json.putArray("data");
                for (JsonNode item : items) {
                    if (!item.hasNonNull("content")) {
                        sim.sendError(call.exchange, 400, "invalid_param", "Content is empty");
                        return;
                    }
                    Segment segment = new Segment(UUID.randomUUID().toString(), document.segments().size() + 1,
                            item.get("content").asText());
                    segment.answer = item.path("answer").asText("");
                    List<String> keywords = new ArrayList<>();
                    item.path("keywords").forEach(k -> keywords.add(k.asText()));
                    segment.keywords = keywords;
                    document.segments().add(segment);
                    data.add(segment(document, segment));
                }
                json.put("doc_form", "text_model");
                sim.sendJson(call.exchange, 200, json);
            } else {
                Map<String, String> query = call.queryParams();
                String keyword = query.getOrDefault("keyword", "");
                // status repeats, one value per status; every simulated segment is completed
                List<String> statuses = call.queryValues("status");
                List<ObjectNode> all = document.segments()
                        .stream()
                        .filter(s -> s.content().contains(keyword))
                        .filter(s -> statuses.isEmpty() || statuses.contains("completed"))
                        .map(s -> segment(document, s))
                        .toList();
                sim.sendJson(call.exchange, 200, sim.numberedPage(query, all).put("doc_form", "text_model"));
            }
            return;
        }
        Segment segment = document.segments().stream().filter(s -> s.id().equals(seg[5])).findFirst().orElse(null);
        if (segment == null) {
            sim.sendError(call.exchange, 404, "not_found", "Segment not found.");
            return;
        }
        if (seg.length == 6) {
            switch (call.method) {
                case "GET" -> sendSegment(call, document, segment);
                case "DELETE" -> {
                    document.segments().remove(segment);
                    DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
                }
                default -> {
                    JsonNode update = body.get("segment");
                    if (update == null || !update.isObject()) {
                        sim.sendError(call.exchange, 400, "invalid_param", "segment is required");
                        return;
                    }
                    if (update.hasNonNull("content")) {
                        segment.content = update.get("content").asText();
                    }
                    if (update.hasNonNull("answer")) {
                        segment.answer = update.get("answer").asText();
                    }
                    if (update.has("enabled")) {
                        segment.enabled = update.get("enabled").asBoolean();
                    }
                    if (update.has("keywords")) {
                        List<String> keywords = new ArrayList<>();
                        update.get("keywords").forEach(k -> keywords.add(k.asText()));
                        segment.keywords = keywords;
                    }
                    segment.updatedAt = System.currentTimeMillis() / 1000;
                    sendSegment(call, document, segment);
                }
            }
            return;
        }
        childChunks(call, segment, seg, body);
    }

    private void sendSegment(Call call, Document document, Segment segment) throws IOException {
        ObjectNode json = sim.mapper().createObjectNode();
        json.set("data", segment(document, segment));
        json.put("doc_form", "text_model");
        sim.sendJson(call.exchange, 200, json);
    }

    private ObjectNode segment(Document document, Segment segment) {
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("id", segment.id())
                .put("position", segment.position())
                .put("document_id", document.id())
                .put("content", segment.content())
                .put("sign_content", "")
                .put("answer", segment.answer)
                .put("word_count", segment.content().length())
                .put("tokens", SimulatedApp.words(segment.content()).size());
        ArrayNode keywords = json.putArray("keywords");
        segment.keywords.forEach(keywords::add);
        json.put("index_node_id", segment.id())
                .put("index_node_hash",
                        Integer.toHexString(segment.content().hashCode()))
                .put("hit_count", 0)
                .put("enabled", segment.enabled);
        json.putNull("disabled_at");
        json.putNull("disabled_by");
        json.put("status", "completed")
                .put("created_by", AppRecords.TENANT_ID)
                .put("created_at", segment.createdAt)
                .put("updated_at", segment.updatedAt)
                .put("updated_by", AppRecords.TENANT_ID)
                .put("indexing_at", segment.createdAt)
                .put("completed_at", segment.createdAt);
        json.putNull("error");
        json.putNull("stopped_at");
        ArrayNode children = json.putArray("child_chunks");
        segment.childChunks.forEach(c -> children.add(sim.mapper().valueToTree(c)));
        json.putArray("attachments");
        json.putNull("summary");
        return json;
    }

    private void childChunks(Call call, Segment segment, String[] seg, ObjectNode body) throws IOException {
        if (seg.length == 7) {
            if (call.method.equals("POST")) {
                if (!body.hasNonNull("content")) {
                    sim.sendError(call.exchange, 400, "invalid_param", "content is required");
                    return;
                }
                long now = System.currentTimeMillis() / 1000;
                Map<String, Object> chunk = new LinkedHashMap<>();
                chunk.put("id", UUID.randomUUID().toString());
                chunk.put("segment_id", segment.id());
                chunk.put("content", body.get("content").asText());
                chunk.put("position", segment.childChunks.size() + 1);
                chunk.put("word_count", body.get("content").asText().length());
                chunk.put("type", "customized");
                chunk.put("created_at", now);
                chunk.put("updated_at", now);
                segment.childChunks.add(chunk);
                ObjectNode json = sim.mapper().createObjectNode();
                json.set("data", sim.mapper().valueToTree(chunk));
                sim.sendJson(call.exchange, 200, json);
            } else {
                Map<String, String> query = call.queryParams();
                int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
                ObjectNode json = sim.mapper().createObjectNode();
                ArrayNode data = json.putArray("data");
                segment.childChunks.forEach(c -> data.add(sim.mapper().valueToTree(c)));
                json.put("total", segment.childChunks.size())
                        .put("total_pages", Math.max(1, (segment.childChunks.size() + limit - 1) / limit))
                        .put("page", Integer.parseInt(query.getOrDefault("page", "1")))
                        .put("limit", limit);
                sim.sendJson(call.exchange, 200, json);
            }
            return;
        }
        Map<String, Object> chunk = segment.childChunks.stream()
                .filter(c -> seg[7].equals(c.get("id")))
                .findFirst()
                .orElse(null);
        if (chunk == null) {
            sim.sendError(call.exchange, 404, "not_found", "Child chunk not found.");
            return;
        }
        if (call.method.equals("DELETE")) {
            segment.childChunks.remove(chunk);
            DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
            return;
        }
        if (!body.hasNonNull("content")) {
            sim.sendError(call.exchange, 400, "invalid_param", "content is required");
            return;
        }
        chunk.put("content", body.get("content").asText());
        chunk.put("word_count", body.get("content").asText().length());
        chunk.put("updated_at", System.currentTimeMillis() / 1000);
        ObjectNode json = sim.mapper().createObjectNode();
        json.set("data", sim.mapper().valueToTree(chunk));
        sim.sendJson(call.exchange, 200, json);
    }
}
