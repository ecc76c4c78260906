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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Agent Knowledge Base API ({@code /v1/knowledge-fs/...}) as Dify 1.17 serves it (langgenius/dify
 * api/controllers/service_api/knowledge_fs/resources.py, its payloads in api/services/knowledge_fs/product_dto.py):
 * query tokens and the query stream, documents with revisions and chunks, bulk deletion and research tasks, with the
 * knowledge key's checks, Dify's bounds on the payloads (unknown fields answer 400) and the Idempotency-Key of the writes.
 * With KnowledgeFS off it answers as such a Dify does: Flask's 404 for every path.
 */
final class AgentKnowledge {

    private static final Set<String> MODES = Set.of("auto", "deep", "fast", "research");
    private static final Set<String> QUERY_FIELDS = Set.of("query", "mode", "activeDocumentIds", "activeEntityIds",
            "sessionId");
    private static final Set<String> RESEARCH_FIELDS = Set.of("query", "mode", "topK", "budgetUsd", "limits",
            "metadata");
    private static final long TOKEN_SECONDS = 60;

    private final DifySimulator sim;
    private final ObjectMapper mapper;
    private final Map<String, SimulatedAgentKnowledgeBase> bases = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile boolean enabled = true;

    private record Token(String knowledgeBaseId, String traceId, Instant expiresAt) {
    }

    AgentKnowledge(DifySimulator sim) {
        this.sim = sim;
        this.mapper = sim.mapper();
    }

    SimulatedAgentKnowledgeBase create(String name) {
        SimulatedAgentKnowledgeBase base = new SimulatedAgentKnowledgeBase(name);
        bases.put(base.id(), base);
        return base;
    }

    void enabled(boolean on) {
        this.enabled = on;
    }

    void handle(Call call, String[] seg) throws IOException {
        if (!enabled) {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 404, "not_found", DifySimulator.NOT_FOUND_URL);
            return;
        }
        if (seg.length == 2 && seg[1].equals("query-stream") && call.method.equals("POST")) {
            queryStream(call);
            return;
        }
        if (seg.length < 4 || !seg[1].equals("spaces")) {
            notFound(call);
            return;
        }
        if (!sim.authenticateDataset(call)) {
            return;
        }
        SimulatedAgentKnowledgeBase base = bases.get(seg[2]);
        if (base == null) {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 404, "knowledge_base_not_found", "Agent knowledge base not found.");
            return;
        }
        String route = call.method + " " + String.join("/", List.of(seg).subList(3, seg.length));
        if (route.equals("POST queries/admission")) {
            admission(call, base);
        } else if (route.equals("GET documents")) {
            sim.record(call, null, Map.of(), -1);
            page(call, base.documents().stream().map(this::document).toList());
        } else if (route.equals("DELETE documents/bulk")) {
            bulkDelete(call, base);
        } else if (seg.length == 5 && route.startsWith("GET bulk-jobs/")) {
            bulkJob(call, base, seg[4]);
        } else if (seg.length >= 6 && seg[3].equals("documents") && seg[5].equals("revisions")) {
            revisions(call, base, seg);
        } else if (route.equals("GET research-tasks")) {
            sim.record(call, null, Map.of(), -1);
            page(call, base.researchTasks.values().stream().map(t -> researchTask(base, t)).toList());
        } else if (route.equals("POST research-tasks")) {
            createResearchTask(call, base);
        } else if (route.equals("POST research-tasks/plan")) {
            plan(call, base);
        } else if (seg.length >= 5 && seg[3].equals("research-tasks")) {
            researchTask(call, base, seg);
        } else {
            notFound(call);
        }
    }

    private void notFound(Call call) throws IOException {
        sim.drainAndRecord(call);
        sim.sendError(call.exchange, 404, "not_found", DifySimulator.NOT_FOUND_URL);
    }

    // ---------------------------------------------------------------- queries

    private void admission(Call call, SimulatedAgentKnowledgeBase base) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null || !valid(call, body, QUERY_FIELDS) || !validQuery(call, body)) {
            return;
        }
        String token = "kfs-" + UUID.randomUUID();
        Token issued = new Token(base.id(), UUID.randomUUID().toString(), Instant.now().plusSeconds(TOKEN_SECONDS));
        tokens.put(token, issued);
        ObjectNode request = body.deepCopy();
        request.putIfAbsent("activeDocumentIds", mapper.createArrayNode());
        request.putIfAbsent("activeEntityIds", mapper.createArrayNode());
        request.put("knowledgeSpaceId", base.id());
        ObjectNode answer = mapper.createObjectNode()
                .put("expires_at", issued.expiresAt().toString())
                .put("operation_id", "createQuery")
                .put("token", token)
                .put("trace_id", issued.traceId())
                .put("url", sim.baseUrl() + "/knowledge-fs/query-stream");
        answer.set("request", request);
        sim.sendJson(call.exchange, 200, answer);
    }

    private void queryStream(Call call) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String authorization = call.exchange.getRequestHeaders().getFirst("Authorization");
        Token token = authorization == null || !authorization.startsWith("Bearer ") ? null
                : tokens.remove(authorization.substring("Bearer ".length()).trim());
        if (token == null || Instant.now().isAfter(token.expiresAt())) {
            sim.sendError(call.exchange, 401, "invalid_credential", "The query token is invalid or expired.");
            return;
        }
        String traceId = call.exchange.getRequestHeaders().getFirst("X-Trace-ID");
        if (traceId == null || !traceId.trim().equals(token.traceId())) {
            sim.sendError(call.exchange, 403, "access_denied", "X-Trace-ID does not match the query token.");
            return;
        }
        if (!token.knowledgeBaseId().equals(Generation.text(body, "knowledgeSpaceId"))
                || !valid(call, body, union(QUERY_FIELDS, Set.of("knowledgeSpaceId"))) || !validQuery(call, body)) {
            return;
        }
        SimulatedAgentKnowledgeBase base = bases.get(token.knowledgeBaseId());
        String queryRunId = UUID.randomUUID().toString();
        call.exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        call.exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        call.exchange.getResponseHeaders().set("x-query-run-id", queryRunId);
        call.exchange.sendResponseHeaders(200, 0);
        DifySimulator.noteResponse(200, "text/event-stream", new byte[0]);
        try (OutputStream out = call.exchange.getResponseBody()) {
            StringBuilder answer = new StringBuilder();
            List<String> deltas = base.answerDeltas();
            for (int i = 0; i < deltas.size(); i++) {
                if (i == base.errorAfterDeltas()) {
                    break;
                }
                answer.append(deltas.get(i));
                event(out, "answer.delta", mapper.createObjectNode().put("delta", deltas.get(i)));
            }
            if (base.errorAfterDeltas() >= 0) {
                event(out, "answer.error", mapper.createObjectNode()
                        .put("code", base.errorCode())
                        .put("message", base.errorMessage()));
                return;
            }
            ObjectNode done = mapper.createObjectNode()
                    .put("answer", answer.toString())
                    .put("query_run_id", queryRunId);
            done.putArray("citations");
            event(out, "answer.done", done);
        }
    }

    private void event(OutputStream out, String name, ObjectNode data) throws IOException {
        out.write(("event: " + name + "\ndata: " + mapper.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private boolean validQuery(Call call, ObjectNode body) throws IOException {
        String query = Generation.text(body, "query");
        if (query == null || query.isBlank() || query.length() > 16_000) {
            sim.sendError(call.exchange, 400, "invalid_request", "query must be 1 to 16000 characters.");
            return false;
        }
        String mode = Generation.text(body, "mode");
        if (mode != null && !MODES.contains(mode)) {
            sim.sendError(call.exchange, 400, "invalid_request", "mode must be one of " + MODES + ".");
            return false;
        }
        return true;
    }

    // pydantic extra="forbid": an unknown field answers 400
    private boolean valid(Call call, ObjectNode body, Set<String> fields) throws IOException {
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            sim.sendError(call.exchange, 400, "invalid_request", "Unknown fields: " + unknown);
            return false;
        }
        return true;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    // ---------------------------------------------------------------- documents

    private ObjectNode document(SimulatedAgentKnowledgeBase.Document document) {
        String created = Instant.ofEpochMilli(document.createdAt).toString();
        ObjectNode json = mapper.createObjectNode()
                .put("id", document.id)
                .put("title", document.title)
                .put("status", "ready")
                .put("active_revision", document.activeRevision())
                .put("row_version", document.activeRevision())
                .put("created_at", created)
                .put("updated_at", created);
        json.putObject("user_metadata");
        return json;
    }

    private void revisions(Call call, SimulatedAgentKnowledgeBase base, String[] seg) throws IOException {
        sim.record(call, null, Map.of(), -1);
        SimulatedAgentKnowledgeBase.Document document = base.document(seg[4]);
        if (document == null || !call.method.equals("GET")) {
            sim.sendError(call.exchange, 404, "resource_not_found", "Document not found.");
            return;
        }
        if (seg.length == 6) {
            List<ObjectNode> revisions = new ArrayList<>();
            for (int r = 1; r <= document.revisions.size(); r++) {
                revisions.add(mapper.createObjectNode()
                        .put("revision", r)
                        .put("document_id", document.id)
                        .put("chunk_count", document.revisions.get(r - 1).size())
                        .put("created_at", Instant.ofEpochMilli(document.createdAt).toString()));
            }
            page(call, revisions);
            return;
        }
        int revision;
        try {
            revision = Integer.parseInt(seg[6]);
        } catch (NumberFormatException e) {
            revision = 0;
        }
        if (revision < 1 || revision > document.revisions.size() || seg.length < 8 || !seg[7].equals("chunks")) {
            sim.sendError(call.exchange, 404, "resource_not_found", "Revision not found.");
            return;
        }
        List<String> texts = document.revisions.get(revision - 1);
        String filter = call.queryParams().get("query");
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (filter == null || texts.get(i).contains(filter)) {
                chunks.add(chunk(base, document, revision, i, texts.get(i)));
            }
        }
        if (seg.length == 8) {
            page(call, chunks);
            return;
        }
        String chunkId = seg[8];
        ObjectNode found = chunks.stream()
                .filter(c -> c.get("id").asText().equals(chunkId))
                .findFirst()
                .orElse(null);
        if (found == null) {
            sim.sendError(call.exchange, 404, "resource_not_found", "Chunk not found.");
        } else {
            sim.sendJson(call.exchange, 200, found);
        }
    }

    private ObjectNode chunk(SimulatedAgentKnowledgeBase base, SimulatedAgentKnowledgeBase.Document document,
            int revision, int ordinal, String text) {
        ObjectNode json = mapper.createObjectNode()
                .put("id", document.id + "-r" + revision + "-c" + ordinal)
                .put("document_id", document.id)
                .put("document_revision", revision)
                .put("enabled", true)
                .put("knowledge_space_id", base.id())
                .put("ordinal", ordinal)
                .put("text", text)
                .put("token_count", text.split("\\s+").length)
                .put("created_at", Instant.ofEpochMilli(document.createdAt).toString());
        json.putObject("user_metadata");
        return json;
    }

    private void bulkDelete(Call call, SimulatedAgentKnowledgeBase base) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String key = idempotencyKey(call, true);
        if (key == null || !valid(call, body, Set.of("documents"))) {
            return;
        }
        JsonNode items = body.get("documents");
        if (items == null || !items.isArray() || items.isEmpty() || items.size() > 1000) {
            sim.sendError(call.exchange, 400, "invalid_request", "documents must hold 1 to 1000 items.");
            return;
        }
        String batchId = base.bulkBatchesByIdempotencyKey.get(key);
        if (batchId == null) {
            batchId = UUID.randomUUID().toString();
            List<String> outcomes = new ArrayList<>();
            for (JsonNode item : items) {
                SimulatedAgentKnowledgeBase.Document document = base.document(item.path("documentId").asText());
                if (document == null) {
                    outcomes.add(item.path("documentId").asText() + ":not_found");
                } else if (item.path("expectedRevision").asInt() != document.activeRevision()) {
                    outcomes.add(document.id + ":conflict");
                } else {
                    base.remove(document);
                    outcomes.add(document.id + ":deleted");
                }
            }
            base.bulkJobs.put(batchId, outcomes);
            base.bulkBatchesByIdempotencyKey.put(key, batchId);
        }
        String statusUrl = sim.baseUrl() + "/knowledge-fs/spaces/" + base.id() + "/bulk-jobs/" + batchId;
        call.exchange.getResponseHeaders().set("Location", statusUrl);
        sim.sendJson(call.exchange, 202, bulkJobJson(batchId, base.bulkJobs.get(batchId)).put("status_url",
                statusUrl));
    }

    private void bulkJob(Call call, SimulatedAgentKnowledgeBase base, String jobId) throws IOException {
        sim.record(call, null, Map.of(), -1);
        List<String> outcomes = base.bulkJobs.get(jobId);
        if (outcomes == null) {
            sim.sendError(call.exchange, 404, "resource_not_found", "Bulk job not found.");
            return;
        }
        sim.sendJson(call.exchange, 200, bulkJobJson(jobId, outcomes));
    }

    private ObjectNode bulkJobJson(String jobId, List<String> outcomes) {
        ObjectNode json = mapper.createObjectNode()
                .put("id", jobId)
                .put("batch_id", jobId)
                .put("status", "completed")
                .put("total", outcomes.size());
        ArrayNode results = json.putArray("results");
        for (String outcome : outcomes) {
            int colon = outcome.lastIndexOf(':');
            results.addObject()
                    .put("document_id", outcome.substring(0, colon))
                    .put("status", outcome.substring(colon + 1));
        }
        return json;
    }

    // ---------------------------------------------------------------- research tasks

    private void createResearchTask(Call call, SimulatedAgentKnowledgeBase base) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null || !valid(call, body, RESEARCH_FIELDS) || !validQuery(call, body)) {
            return;
        }
        String key = idempotencyKey(call, false);
        if (key == null && call.exchange.getRequestHeaders().getFirst("Idempotency-Key") != null) {
            return; // a malformed key, answered
        }
        SimulatedAgentKnowledgeBase.ResearchTask task = key == null ? null : base.researchByIdempotencyKey.get(key);
        if (task == null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> metadata = body.has("metadata") ? mapper.convertValue(body.get("metadata"), Map.class)
                    : Map.of();
            task = new SimulatedAgentKnowledgeBase.ResearchTask(Generation.text(body, "query"),
                    Generation.text(body, "mode"), metadata);
            task.partials.add("Evidence for: " + task.query);
            base.researchTasks.put(task.id, task);
            if (key != null) {
                base.researchByIdempotencyKey.put(key, task);
            }
        }
        sim.sendJson(call.exchange, 202, researchTask(base, task));
    }

    private void researchTask(Call call, SimulatedAgentKnowledgeBase base, String[] seg) throws IOException {
        SimulatedAgentKnowledgeBase.ResearchTask task = base.researchTasks.get(seg[4]);
        sim.drainAndRecord(call);
        if (task == null) {
            sim.sendError(call.exchange, 404, "resource_not_found", "Research task not found.");
            return;
        }
        if (seg.length == 6 && seg[5].equals("partials") && call.method.equals("GET")) {
            List<ObjectNode> partials = new ArrayList<>();
            for (int i = 0; i < task.partials.size(); i++) {
                ObjectNode partial = mapper.createObjectNode()
                        .put("answer", task.partials.get(i))
                        .put("knowledge_space_id", base.id())
                        .put("research_task_job_id", task.id)
                        .put("sequence", i + 1);
                partial.putObject("evidence_bundle");
                partials.add(partial);
            }
            page(call, partials);
        } else if (seg.length == 5 && call.method.equals("GET")) {
            task.advance();
            sim.sendJson(call.exchange, 200, researchTask(base, task));
        } else if (seg.length == 5 && call.method.equals("DELETE")) {
            task.canceled = true;
            sim.sendJson(call.exchange, 200, researchTask(base, task));
        } else {
            sim.sendError(call.exchange, 404, "not_found", DifySimulator.NOT_FOUND_URL);
        }
    }

    private ObjectNode researchTask(SimulatedAgentKnowledgeBase base, SimulatedAgentKnowledgeBase.ResearchTask task) {
        ObjectNode json = mapper.createObjectNode()
                .put("id", task.id)
                .put("knowledge_space_id", base.id())
                .put("query", task.query)
                .put("stage", task.stage())
                .put("mode", task.mode)
                .put("created_at", task.createdAt)
                .put("updated_at", System.currentTimeMillis() / 1000.0);
        json.putObject("cost").put("usd", 0.0);
        json.set("metadata", mapper.valueToTree(task.metadata));
        if ("completed".equals(task.stage())) {
            json.put("completed_at", System.currentTimeMillis() / 1000.0);
        }
        return json;
    }

    private void plan(Call call, SimulatedAgentKnowledgeBase base) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null || !valid(call, body, Set.of("query", "mode", "topK", "budgetUsd"))
                || !validQuery(call, body)) {
            return;
        }
        ObjectNode json = mapper.createObjectNode()
                .put("knowledge_space_id", base.id())
                .put("query", Generation.text(body, "query"))
                .put("strategy_version", "research-dry-run-planner-v1");
        json.putObject("budget").put("exceeds_budget", false);
        json.putObject("estimates").put("usd", 0.01);
        json.putObject("retrieval_plan")
                .put("requested_mode", body.path("mode").asText("auto"))
                .put("resolved_mode", "research")
                .put("top_k", body.path("topK").asInt(8));
        json.putArray("steps").addObject().put("name", "retrieve");
        sim.sendJson(call.exchange, 200, json);
    }

    // KnowledgeFSIdempotencyHeader: 8 to 255 characters; required by bulk deletion
    private String idempotencyKey(Call call, boolean required) throws IOException {
        String key = call.exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null && !required) {
            return null;
        }
        if (key == null || key.length() < 8 || key.length() > 255) {
            sim.sendError(call.exchange, 400, "invalid_request", "Idempotency-Key must be 8 to 255 characters.");
            return null;
        }
        return key;
    }

    // a cursor-paged list: cursor is the index of the first item, next_cursor null on the last page
    private void page(Call call, List<ObjectNode> items) throws IOException {
        Map<String, String> query = call.queryParams();
        int from = Integer.parseInt(query.getOrDefault("cursor", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        int to = Math.min(items.size(), from + limit);
        ObjectNode json = mapper.createObjectNode();
        json.putArray("data").addAll(items.subList(Math.min(from, to), to));
        if (to < items.size()) {
            json.put("next_cursor", String.valueOf(to));
        } else {
            json.putNull("next_cursor");
        }
        sim.sendJson(call.exchange, 200, json);
    }
}
