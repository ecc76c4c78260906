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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Knowledge tags (workspace-wide, bound to knowledge bases), metadata fields and document metadata values, and the
 * workspace's models (Dify docs /en/api-reference, knowledge tags, metadata and models).
 */
final class Labels {

    private static final List<String> BUILT_IN = List.of("document_name", "uploader", "upload_date",
            "last_update_date", "source");

    private final DifySimulator sim;
    /** tag id → {id, name, type} */
    private final Map<String, ObjectNode> tags = new ConcurrentHashMap<>();
    /** tag id → bound knowledge base ids */
    private final Map<String, Set<String>> bindings = new ConcurrentHashMap<>();
    /** knowledge base id → metadata id → {id, name, type} */
    private final Map<String, Map<String, ObjectNode>> fields = new ConcurrentHashMap<>();
    private final Set<String> builtInEnabled = ConcurrentHashMap.newKeySet();

    Labels(DifySimulator sim) {
        this.sim = sim;
    }

    boolean handles(String[] seg) {
        return seg[0].equals("workspaces")
                || seg.length >= 2 && seg[1].equals("tags")
                || seg.length >= 3 && (seg[2].equals("tags") || seg[2].equals("metadata"))
                || seg.length == 4 && seg[2].equals("documents") && seg[3].equals("metadata");
    }

    void handle(Call call, String[] seg) throws IOException {
        ObjectNode body = null;
        boolean bodiless = call.method.equals("GET") || call.method.equals("DELETE") && seg.length > 2
                || seg.length == 5 && seg[3].equals("built-in"); // the toggle reads no body
        if (bodiless) {
            sim.drainAndRecord(call);
        } else {
            body = sim.readJson(call);
            if (body == null) {
                return;
            }
        }
        if (seg[0].equals("workspaces")) {
            models(call, seg[seg.length - 1]);
        } else if (seg[1].equals("tags")) {
            tags(call, seg, body);
        } else {
            SimulatedDataset dataset = sim.dataset(seg[1]);
            if (dataset == null) {
                sim.sendError(call.exchange, 404, "not_found", "Dataset not found.");
            } else if (seg[2].equals("tags")) {
                datasetTags(call, dataset);
            } else if (seg[2].equals("documents")) {
                documentMetadata(call, dataset, body);
            } else {
                metadata(call, dataset, seg, body);
            }
        }
    }

    /** The tags bound to a knowledge base, as its description lists them. */
    /** Whether the knowledge base is bound to any of the tags (Dify's tag filter on the knowledge base list). */
    boolean boundToAny(String datasetId, List<String> tagIds) {
        return tagIds.stream().anyMatch(tag -> bindings.getOrDefault(tag, Set.of()).contains(datasetId));
    }

    List<ObjectNode> tagsOf(String datasetId) {
        return bindings.entrySet()
                .stream()
                .filter(e -> e.getValue().contains(datasetId))
                .map(e -> tags.get(e.getKey()))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private void tags(Call call, String[] seg, ObjectNode body) throws IOException {
        if (seg.length == 3) { // binding, unbinding
            String target = Generation.text(body, "target_id");
            if (target == null || sim.dataset(target) == null) {
                sim.sendError(call.exchange, 404, "not_found", "Dataset not found.");
                return;
            }
            List<String> ids = new java.util.ArrayList<>();
            body.path("tag_ids").forEach(t -> ids.add(t.asText()));
            if (body.hasNonNull("tag_id")) {
                ids.add(body.get("tag_id").asText());
            }
            for (String id : ids) {
                Set<String> bound = bindings.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
                if (seg[2].equals("binding")) {
                    bound.add(target);
                } else {
                    bound.remove(target);
                }
            }
            DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
            return;
        }
        switch (call.method) {
            case "GET" -> {
                ArrayNode list = sim.mapper().createArrayNode();
                tags.values().forEach(t -> list.add(withCount(t)));
                sim.sendJson(call.exchange, 200, list);
            }
            case "POST" -> {
                String name = Generation.text(body, "name");
                if (name == null || name.isBlank() || name.length() > 50) {
                    sim.sendError(call.exchange, 400, "invalid_param", "Tag name must be 1 to 50 characters.");
                    return;
                }
                ObjectNode tag = sim.mapper()
                        .createObjectNode()
                        .put("id", UUID.randomUUID().toString())
                        .put("name", name)
                        .put("type", "knowledge");
                tags.put(tag.get("id").asText(), tag);
                sim.sendJson(call.exchange, 200, withCount(tag));
            }
            case "PATCH" -> {
                ObjectNode tag = tags.get(String.valueOf(Generation.text(body, "tag_id")));
                if (tag == null) {
                    sim.sendError(call.exchange, 404, "not_found", "Tag not found.");
                    return;
                }
                tag.put("name", Generation.text(body, "name"));
                sim.sendJson(call.exchange, 200, withCount(tag));
            }
            default -> {
                String id = String.valueOf(Generation.text(body, "tag_id"));
                tags.remove(id);
                bindings.remove(id);
                DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
            }
        }
    }

    // Dify sends the binding count as a string
    private ObjectNode withCount(ObjectNode tag) {
        return tag.deepCopy()
                .put("binding_count",
                        String.valueOf(bindings.getOrDefault(tag.get("id").asText(), Set.of()).size()));
    }

    private void datasetTags(Call call, SimulatedDataset dataset) throws IOException {
        ObjectNode json = sim.mapper().createObjectNode();
        ArrayNode data = json.putArray("data");
        List<ObjectNode> bound = tagsOf(dataset.id());
        bound.forEach(t -> data.addObject().put("id", t.get("id").asText()).put("name", t.get("name").asText()));
        json.put("total", bound.size());
        sim.sendJson(call.exchange, 200, json);
    }

    private void metadata(Call call, SimulatedDataset dataset, String[] seg, ObjectNode body) throws IOException {
        Map<String, ObjectNode> mine = fields.computeIfAbsent(dataset.id(), k -> new ConcurrentHashMap<>());
        if (seg.length >= 4 && seg[3].equals("built-in")) {
            if (seg.length == 5) {
                if (seg[4].equals("enable")) {
                    builtInEnabled.add(dataset.id());
                } else if (seg[4].equals("disable")) {
                    builtInEnabled.remove(dataset.id());
                } else {
                    sim.sendError(call.exchange, 400, "invalid_action", "Invalid action.");
                    return;
                }
                sim.sendJson(call.exchange, 200, sim.mapper().createObjectNode().put("result", "success"));
                return;
            }
            ObjectNode json = sim.mapper().createObjectNode();
            ArrayNode list = json.putArray("fields");
            BUILT_IN.forEach(name -> list.addObject()
                    .put("name", name)
                    .put("type",
                            name.endsWith("date") ? "time" : "string"));
            sim.sendJson(call.exchange, 200, json);
            return;
        }
        if (seg.length == 3) {
            if (call.method.equals("GET")) {
                ObjectNode json = sim.mapper().createObjectNode();
                ArrayNode list = json.putArray("doc_metadata");
                mine.values().forEach(f -> list.add(f.deepCopy().put("count", count(dataset, f))));
                json.put("built_in_field_enabled", builtInEnabled.contains(dataset.id()));
                sim.sendJson(call.exchange, 200, json);
                return;
            }
            String type = Generation.text(body, "type");
            String name = Generation.text(body, "name");
            if (name == null || !Set.of("string", "number", "time").contains(type)) {
                sim.sendError(call.exchange, 400, "invalid_param", "type (string, number, time) and name are required");
                return;
            }
            if (mine.values().stream().anyMatch(f -> f.get("name").asText().equals(name))
                    || BUILT_IN.contains(name)) {
                sim.sendError(call.exchange, 400, "invalid_metadata", "Metadata name already exists.");
                return;
            }
            ObjectNode field = sim.mapper()
                    .createObjectNode()
                    .put("id", UUID.randomUUID().toString())
                    .put("name", name)
                    .put("type", type);
            mine.put(field.get("id").asText(), field);
            sim.sendJson(call.exchange, 201, field);
            return;
        }
        ObjectNode field = mine.get(seg[3]);
        if (field == null) {
            sim.sendError(call.exchange, 404, "not_found", "Metadata not found.");
            return;
        }
        if (call.method.equals("DELETE")) {
            mine.remove(seg[3]);
            DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
            return;
        }
        String oldName = field.get("name").asText();
        String newName = Generation.text(body, "name");
        field.put("name", newName);
        dataset.documents().forEach(d -> {
            if (d.metadata().containsKey(oldName)) {
                d.metadata().put(newName, d.metadata().remove(oldName));
            }
        });
        sim.sendJson(call.exchange, 200, field);
    }

    /** A document's metadata values with their fields: {@code [{id, name, type, value}]} (Dify's doc_metadata). */
    ArrayNode docMetadata(SimulatedDataset.Document document) {
        ArrayNode list = sim.mapper().createArrayNode();
        Map<String, ObjectNode> mine = fields.getOrDefault(document.datasetId(), Map.of());
        document.metadata().forEach((name, value) -> {
            ObjectNode field = mine.values()
                    .stream()
                    .filter(f -> f.get("name").asText().equals(name))
                    .findFirst()
                    .orElse(null);
            ObjectNode item = list.addObject()
                    .put("id", field == null ? "" : field.get("id").asText())
                    .put("name", name)
                    .put("type", field == null ? "string" : field.get("type").asText());
            item.set("value", sim.mapper().valueToTree(value));
        });
        return list;
    }

    private int count(SimulatedDataset dataset, ObjectNode field) {
        String name = field.get("name").asText();
        return (int) dataset.documents().stream().filter(d -> d.metadata().containsKey(name)).count();
    }

    private void documentMetadata(Call call, SimulatedDataset dataset, ObjectNode body) throws IOException {
        JsonNode operations = body.get("operation_data");
        if (operations == null || !operations.isArray()) {
            sim.sendError(call.exchange, 400, "invalid_param", "operation_data is required");
            return;
        }
        for (JsonNode operation : operations) {
            String documentId = Generation.text(operation, "document_id");
            SimulatedDataset.Document document = dataset.documents()
                    .stream()
                    .filter(d -> d.id().equals(documentId))
                    .findFirst()
                    .orElse(null);
            if (document == null) {
                sim.sendError(call.exchange, 404, "not_found", "Document Not Exists.");
                return;
            }
            if (!operation.path("partial_update").asBoolean(false)) {
                document.metadata().clear();
            }
            for (JsonNode item : operation.path("metadata_list")) {
                document.metadata()
                        .put(item.path("name").asText(), sim.mapper()
                                .convertValue(item.get("value"),
                                        Object.class));
            }
        }
        sim.sendJson(call.exchange, 200, sim.mapper().createObjectNode().put("result", "success"));
    }

    private void models(Call call, String modelType) throws IOException {
        ObjectNode json = sim.mapper().createObjectNode();
        ObjectNode provider = json.putArray("data").addObject().put("provider", "langgenius/openai/openai");
        provider.putObject("label").put("en_US", "OpenAI").put("zh_Hans", "OpenAI");
        provider.putObject("icon_small").put("en_US", "icon.svg").put("zh_Hans", "icon.svg");
        provider.put("status", "active");
        ObjectNode model = provider.putArray("models")
                .addObject()
                .put("model", modelType.equals("rerank") ? "rerank-v3" : "text-embedding-3-small");
        model.putObject("label").put("en_US", model.get("model").asText()).put("zh_Hans", model.get("model").asText());
        model.put("model_type", modelType).putArray("features");
        model.put("fetch_from", "predefined-model").putObject("model_properties");
        model.put("status", "active")
                .put("deprecated", false)
                .put("load_balancing_enabled", false)
                .put("has_invalid_load_balancing_configs", false);
        provider.put("tenant_id", AppRecords.TENANT_ID);
        provider.putObject("icon_small_dark").put("en_US", "icon.svg").put("zh_Hans", "icon.svg");
        sim.sendJson(call.exchange, 200, json);
    }
}
