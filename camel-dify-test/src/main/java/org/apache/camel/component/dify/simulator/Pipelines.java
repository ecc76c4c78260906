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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The knowledge pipeline part of the Knowledge API (Dify's OpenAPI spec, tag Knowledge Pipeline). Every simulated
 * knowledge
 * base has the same published pipeline: one {@code local_file} datasource node ({@link #FILE_NODE}) that reads files
 * uploaded with {@code POST /datasets/pipeline/file-upload}, then a knowledge index node. Running the pipeline
 * creates one document per file, indexed like a document created by file.
 */
final class Pipelines {

    /** The id of the simulated pipeline's datasource node. */
    static final String FILE_NODE = "1750000000000";

    private static final Set<String> DATASOURCE_TYPES = Set.of("local_file", "online_document", "website_crawl",
            "online_drive");

    /** Dify's keep-alive interval. */
    private static final Duration PING_INTERVAL = Duration.ofSeconds(10);

    private final DifySimulator sim;
    private final Datasets datasets;

    Pipelines(DifySimulator sim, Datasets datasets) {
        this.sim = sim;
        this.datasets = datasets;
    }

    boolean handles(String[] seg) {
        return seg.length >= 3 && (seg[1].equals("pipeline") || seg[2].equals("pipeline"));
    }

    void handle(Call call, String[] seg) throws IOException {
        if (seg.length == 3 && seg[1].equals("pipeline") && seg[2].equals("file-upload")
                && call.method.equals("POST")) {
            upload(call);
            return;
        }
        SimulatedDataset dataset = sim.datasetOrNotFound(call, seg[1]);
        if (dataset == null) {
            return;
        }
        if (seg.length == 4 && seg[3].equals("datasource-plugins") && call.method.equals("GET")) {
            plugins(call);
        } else if (seg.length == 7 && seg[3].equals("datasource") && seg[4].equals("nodes") && seg[6].equals("run")
                && call.method.equals("POST")) {
            runNode(call, dataset, seg[5]);
        } else if (seg.length == 4 && seg[3].equals("run") && call.method.equals("POST")) {
            run(call, dataset);
        } else {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 404, "not_found", DifySimulator.NOT_FOUND_URL);
        }
    }

    private void upload(Call call) throws IOException {
        Uploads.Form form = sim.uploads().acceptedFile(call);
        if (form == null) {
            return;
        }
        String id = UUID.randomUUID().toString();
        sim.state().files.put(id, new State.UploadedFile(id, AppRecords.TENANT_ID, AppRecords.TENANT_ID,
                form.filename(), form.size(), form.contentType(), form.head()));
        ObjectNode response = sim.mapper()
                .createObjectNode()
                .put("id", id)
                .put("name", form.filename())
                .put("size", form.size())
                .put("extension", Uploads.extensionField(form.filename()))
                .put("mime_type", form.contentType())
                .put("created_by", AppRecords.TENANT_ID)
                .put("created_at", isoNow());
        sim.sendJson(call.exchange, 201, response);
    }

    private void plugins(Call call) throws IOException {
        sim.record(call, null, Map.of(), -1);
        ArrayNode nodes = sim.mapper().createArrayNode();
        ObjectNode node = nodes.addObject()
                .put("node_id", FILE_NODE)
                .put("plugin_id", "langgenius/file")
                .put("provider_name", "file")
                .put("datasource_type", "local_file")
                .put("title", "File Upload");
        node.putArray("user_input_variables");
        node.putArray("credentials");
        sim.sendJson(call.exchange, 200, nodes);
    }

    /** Runs the datasource node alone: for a local_file node, the files it would read are the uploaded ones. */
    private void runNode(Call call, SimulatedDataset dataset, String nodeId) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        if (rejected(call, body, "inputs", "datasource_type", "is_published")) {
            return;
        }
        EventStream stream = new EventStream(call.exchange, sim.mapper(), PING_INTERVAL, null);
        stream.open();
        try {
            SimulatedDataset.PagedSource paged = dataset.pagedSource(nodeId);
            if (paged != null) {
                // one datasource_completed per page or result, then the stream ends, as Dify's node run does for
                // online-document and online-drive sources
                int page = 0;
                for (Object data : paged.pages()) {
                    if (page == paged.errorAfterPages()) {
                        break;
                    }
                    stream.send(event("datasource_processing").put("total", paged.pages().size())
                            .put("completed", page));
                    ObjectNode completed = event("datasource_completed");
                    completed.set("data", sim.mapper().valueToTree(data));
                    stream.send(completed.put("time_consuming", 0.01));
                    page++;
                }
                if (paged.errorAfterPages() >= 0) {
                    stream.send(event("datasource_error").put("error", "Online drive credential expired"));
                }
                return;
            }
            if (!FILE_NODE.equals(nodeId)) {
                stream.send(event("datasource_error").put("error", "Datasource node " + nodeId + " not found"));
                return;
            }
            List<State.UploadedFile> files = pipelineFiles();
            stream.send(event("datasource_processing").put("total", files.size()).put("completed", 0));
            stream.send(event("datasource_processing").put("total", files.size()).put("completed", files.size()));
            ObjectNode completed = event("datasource_completed");
            ArrayNode data = completed.putArray("data");
            for (State.UploadedFile file : files) {
                data.addObject()
                        .put("id", file.id())
                        .put("name", file.name())
                        .put("size", file.size())
                        .put("mime_type", file.contentType());
            }
            stream.send(completed.put("time_consuming", 0.01));
        } finally {
            call.exchange.close();
        }
    }

    private void run(Call call, SimulatedDataset dataset) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        if (rejected(call, body, "inputs", "datasource_type", "datasource_info_list", "start_node_id",
                "is_published", "response_mode")) {
            return;
        }
        String taskId = UUID.randomUUID().toString();
        String runId = UUID.randomUUID().toString();
        long createdAt = System.currentTimeMillis() / 1000;
        String failure = null;
        List<ObjectNode> documents = new ArrayList<>();
        if (!FILE_NODE.equals(Generation.text(body, "start_node_id"))) {
            failure = "Datasource node " + Generation.text(body, "start_node_id") + " not found";
        } else if (!"local_file".equals(Generation.text(body, "datasource_type"))) {
            failure = "the simulated pipeline reads local_file datasources only";
        } else {
            // the datasource node reads every file before anything is indexed: a missing one fails the run whole
            record Source(String name, State.UploadedFile file) {
            }
            List<Source> sources = new ArrayList<>();
            for (JsonNode item : body.get("datasource_info_list")) {
                String reference = item.hasNonNull("reference") ? item.get("reference").asText()
                        : item.path("related_id").asText(null);
                State.UploadedFile file = reference == null ? null : sim.state().files.get(reference);
                if (file == null) {
                    failure = "File " + reference + " not found";
                    sources.clear();
                    break;
                }
                sources.add(new Source(item.hasNonNull("name") ? item.get("name").asText() : file.name(), file));
            }
            String batch = String.valueOf(System.nanoTime());
            for (Source source : sources) {
                SimulatedDataset.Document document = dataset.add(source.name(),
                        new String(source.file().head(), StandardCharsets.UTF_8), Map.of(), batch,
                        System.currentTimeMillis());
                documents.add(sim.mapper()
                        .createObjectNode()
                        .put("id", document.id())
                        .put("name", document.name())
                        .put("batch", batch)
                        .put("indexing_status", datasets.document(document)
                                .get("indexing_status")
                                .asText()));
            }
        }
        ObjectNode finished = sim.mapper()
                .createObjectNode()
                .put("id", runId)
                .put("workflow_id", dataset.id())
                .put("status", failure == null ? "succeeded" : "failed");
        if (failure == null) {
            finished.putObject("outputs").putArray("documents").addAll(documents);
        } else {
            finished.putNull("outputs");
        }
        finished.put("error", failure)
                .put("elapsed_time", 0.02)
                .put("total_tokens", 0)
                .put("total_steps", failure == null ? 2 : 1)
                .put("created_at", createdAt)
                .put("finished_at", createdAt);
        if (Generation.text(body, "response_mode").equals("blocking")) {
            ObjectNode response = sim.mapper()
                    .createObjectNode()
                    .put("task_id", taskId)
                    .put("workflow_run_id", runId);
            response.set("data", finished);
            sim.sendJson(call.exchange, 200, response);
            return;
        }
        EventStream stream = new EventStream(call.exchange, sim.mapper(), PING_INTERVAL, null);
        stream.open();
        try {
            ObjectNode started = sim.mapper()
                    .createObjectNode()
                    .put("id", runId)
                    .put("workflow_id", dataset.id())
                    .put("created_at", createdAt);
            stream.send(runEvent("workflow_started", taskId, runId, createdAt, started));
            stream.send(runEvent("node_started", taskId, runId, createdAt, node(runId, FILE_NODE, "datasource",
                    "File Upload", 1, null)));
            stream.send(runEvent("node_finished", taskId, runId, createdAt, node(runId, FILE_NODE, "datasource",
                    "File Upload", 1, failure == null ? "succeeded" : "failed")));
            if (failure == null) {
                stream.send(runEvent("node_started", taskId, runId, createdAt, node(runId, "knowledge-index",
                        "knowledge-index", "Knowledge Base", 2, null)));
                stream.send(runEvent("node_finished", taskId, runId, createdAt, node(runId, "knowledge-index",
                        "knowledge-index", "Knowledge Base", 2, "succeeded")));
            }
            stream.send(runEvent("workflow_finished", taskId, runId, createdAt, finished));
        } finally {
            call.exchange.close();
        }
    }

    private List<State.UploadedFile> pipelineFiles() {
        return sim.state().files.values().stream().filter(f -> AppRecords.TENANT_ID.equals(f.appId())).toList();
    }

    private ObjectNode event(String name) {
        return sim.mapper().createObjectNode().put("event", name);
    }

    private ObjectNode runEvent(String name, String taskId, String runId, long createdAt, ObjectNode data) {
        ObjectNode event = event(name).put("task_id", taskId).put("workflow_run_id", runId);
        event.set("data", data);
        return event.put("created_at", createdAt);
    }

    private ObjectNode node(String runId, String nodeId, String type, String title, int index, String status) {
        ObjectNode data = sim.mapper()
                .createObjectNode()
                .put("id", UUID.nameUUIDFromBytes((runId + nodeId).getBytes(StandardCharsets.UTF_8)).toString())
                .put("node_id", nodeId)
                .put("node_type", type)
                .put("title", title)
                .put("index", index);
        if (status != null) {
            data.put("status", status).put("elapsed_time", 0.01);
        }
        return data;
    }

    /**
     * Dify's request validation: every required field present, datasource_type and response_mode (where given) from
     * their enums; answers 400 {@code invalid_param} naming the first field that fails.
     */
    private boolean rejected(Call call, ObjectNode body, String... required) throws IOException {
        String invalid = null;
        for (String field : required) {
            if (!body.hasNonNull(field)) {
                invalid = field;
                break;
            }
        }
        if (invalid == null && !DATASOURCE_TYPES.contains(Generation.text(body, "datasource_type"))) {
            invalid = "datasource_type";
        }
        if (invalid == null && body.has("response_mode")
                && !Set.of("streaming", "blocking").contains(Generation.text(body, "response_mode"))) {
            invalid = "response_mode";
        }
        if (invalid == null) {
            return false;
        }
        sim.sendError(call.exchange, 400, "invalid_param", invalid + " is invalid");
        return true;
    }

    private static String isoNow() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now()
                .truncatedTo(ChronoUnit.SECONDS)
                .atOffset(ZoneOffset.UTC));
    }
}
