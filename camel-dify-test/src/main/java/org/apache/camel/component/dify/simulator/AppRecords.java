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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.State.StoredMessage;

/**
 * What an app keeps about its use (Dify's Service API reference, /en/api-reference): suggested questions, feedbacks,
 * end users, workflow run
 * detail and logs, and annotations ({@code /apps/annotations}), over the simulator's conversations and runs.
 */
final class AppRecords {

    /** The one workspace (tenant) of the simulator. */
    static final String TENANT_ID = UUID.nameUUIDFromBytes("dify-simulator-tenant".getBytes(StandardCharsets.UTF_8))
            .toString();

    private final DifySimulator sim;
    private final Map<String, Map<String, ObjectNode>> annotations = new ConcurrentHashMap<>();

    AppRecords(DifySimulator sim) {
        this.sim = sim;
    }

    boolean handles(Call call, String[] seg) {
        String m = call.method;
        return m.equals("GET") && seg.length == 3 && seg[0].equals("messages") && seg[2].equals("suggested")
                || m.equals("GET") && seg.length == 2 && seg[0].equals("app") && seg[1].equals("feedbacks")
                || m.equals("GET") && seg.length == 2 && seg[0].equals("end-users")
                || m.equals("GET") && seg.length == 3 && seg[0].equals("workflows") && seg[1].equals("run")
                || m.equals("GET") && seg.length == 2 && seg[0].equals("workflows") && seg[1].equals("logs")
                || seg.length >= 2 && seg[0].equals("apps") && seg[1].equals("annotations")
                || seg.length >= 3 && seg[0].equals("apps") && seg[1].equals("annotation-reply");
    }

    void handle(Call call, SimulatedApp app, String[] seg) throws IOException {
        if (seg[0].equals("apps") && seg[1].equals("annotation-reply")) {
            annotationReply(call, seg);
            return;
        }
        if (seg[0].equals("apps")) {
            annotations(call, app, seg.length > 2 ? seg[2] : null);
            return;
        }
        sim.record(call, null, Map.of(), -1);
        switch (seg[0] + "/" + seg[1]) {
            case "app/feedbacks" -> feedbacks(call, app);
            case "workflows/logs" -> logs(call, app);
            default -> {
                if (seg[0].equals("messages")) {
                    suggested(call, app, seg[1]);
                } else if (seg[0].equals("end-users")) {
                    endUser(call, app, seg[1]);
                } else {
                    run(call, app, seg[2]);
                }
            }
        }
    }

    private void suggested(Call call, SimulatedApp app, String messageId) throws IOException {
        String user = call.queryParams().get("user");
        StoredMessage message = sim.state().messages.get(messageId);
        State.Conversation conversation = message == null ? null
                : sim.state().conversations.get(message.conversationId);
        if (conversation == null || !conversation.appId().equals(app.id()) || !conversation.user().equals(user)) {
            sim.sendError(call.exchange, 404, "not_found", "Message Not Exists.");
            return;
        }
        ObjectNode json = sim.mapper().createObjectNode().put("result", "success");
        ArrayNode data = json.putArray("data");
        data.add("Can you tell me more about " + message.query + "?")
                .add("What else should I know?")
                .add("Can you give an example?");
        sim.sendJson(call.exchange, 200, json);
    }

    private void feedbacks(Call call, SimulatedApp app) throws IOException {
        ObjectNode json = sim.mapper().createObjectNode();
        ArrayNode data = json.putArray("data");
        sim.state().messages.values()
                .stream()
                .filter(m -> m.rating != null)
                .filter(m -> app.id()
                        .equals(sim.state().conversations.get(m.conversationId) == null ? null
                                : sim.state().conversations.get(m.conversationId).appId()))
                .forEach(m -> {
                    String when = Instant.ofEpochSecond(m.createdAt).toString();
                    ObjectNode item = data.addObject()
                            .put("id", UUID.nameUUIDFromBytes(m.id.getBytes()).toString())
                            .put("app_id", app.id())
                            .put("conversation_id", m.conversationId)
                            .put("message_id", m.id)
                            .put("rating", m.rating)
                            .put("content", m.feedbackContent)
                            .put("from_source", "api");
                    item.put("from_end_user_id", endUserId(sim.state().conversations.get(m.conversationId).user()));
                    item.putNull("from_account_id");
                    item.put("created_at", when).put("updated_at", when);
                });
        sim.sendJson(call.exchange, 200, json);
    }

    /** The end-user id Dify would give an API {@code user} string (stable, as the simulator uses everywhere). */
    static String endUserId(String user) {
        return UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void endUser(Call call, SimulatedApp app, String endUserId) throws IOException {
        Set<String> users = new java.util.HashSet<>();
        sim.state().conversations.values().forEach(c -> users.add(c.user()));
        sim.state().runs.values().forEach(r -> users.add(r.prompt.user()));
        sim.state().files.values().forEach(f -> users.add(f.user()));
        String user = users.stream().filter(u -> endUserId(u).equals(endUserId)).findFirst().orElse(null);
        if (user == null) {
            sim.sendError(call.exchange, 404, "end_user_not_found", "End user not found.");
            return;
        }
        String when = Instant.now().toString();
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("id", endUserId)
                .put("tenant_id", AppRecords.TENANT_ID)
                .put("app_id", app.id())
                .put("type", "service_api")
                .put("external_user_id", user);
        json.putNull("name");
        json.put("is_anonymous", false).put("session_id", user).put("created_at", when).put("updated_at", when);
        sim.sendJson(call.exchange, 200, json);
    }

    private boolean workflowApp(Call call, SimulatedApp app) throws IOException {
        if (!app.mode().runsWorkflow()) {
            sim.sendError(call.exchange, 400, "not_workflow_app",
                    "Please check if your app mode matches the right API route.");
            return false;
        }
        return true;
    }

    private void run(Call call, SimulatedApp app, String runId) throws IOException {
        if (!workflowApp(call, app)) {
            return;
        }
        SimulatedRun run = sim.state().runs.get(runId);
        if (run == null || run.app != app) {
            sim.sendError(call.exchange, 404, "not_found", "Workflow run not found.");
            return;
        }
        ObjectNode finished = run.finishedEvent();
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("id", run.workflowRunId)
                .put("workflow_id", app.workflowId())
                .put("status", finished == null ? "running" : finished.at("/data/status").asText())
                // Dify returns the inputs as a JSON string here
                .put("inputs", sim.mapper().writeValueAsString(run.prompt.inputs()));
        json.set("outputs", finished == null || finished.at("/data/outputs").isNull() ? sim.mapper().createObjectNode()
                : finished.at("/data/outputs"));
        json.put("error", finished == null ? null : finished.at("/data/error").textValue())
                .put("total_steps", 3)
                .put("total_tokens", run.totalTokens())
                .put("created_at", run.createdAt);
        if (finished == null) {
            json.putNull("finished_at");
        } else {
            json.put("finished_at", run.createdAt + 1);
        }
        json.put("elapsed_time", run.elapsedSeconds());
        sim.sendJson(call.exchange, 200, json);
    }

    private void logs(Call call, SimulatedApp app) throws IOException {
        Map<String, String> query = call.queryParams();
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        String status = query.get("status");
        // created_at__before / created_at__after: ISO-8601 (langgenius/dify api/controllers/service_api/app/workflow.py)
        long after = epochSeconds(query.get("created_at__after"), Long.MIN_VALUE);
        long before = epochSeconds(query.get("created_at__before"), Long.MAX_VALUE);
        List<SimulatedRun> runs = new ArrayList<>(sim.state().runs.values()
                .stream()
                .filter(r -> r.app == app)
                .filter(r -> status == null || status.equals(statusOf(r)))
                .filter(r -> r.createdAt >= after && r.createdAt <= before)
                .toList());
        runs.sort(Comparator.comparingLong((SimulatedRun r) -> r.createdAt).reversed());
        int from = Math.min(runs.size(), (page - 1) * limit);
        List<SimulatedRun> slice = runs.subList(from, Math.min(runs.size(), from + limit));
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("page", page)
                .put("limit", limit)
                .put("total", runs.size())
                .put("has_more", from + limit < runs.size());
        ArrayNode data = json.putArray("data");
        for (SimulatedRun run : slice) {
            ObjectNode item = data.addObject().put("id", UUID.nameUUIDFromBytes(run.taskId.getBytes()).toString());
            ObjectNode workflowRun = item.putObject("workflow_run")
                    .put("id", run.workflowRunId)
                    .put("version", "2026-11-01 00:00:00")
                    .put("status", statusOf(run));
            workflowRun.putNull("error");
            workflowRun.put("elapsed_time", run.elapsedSeconds())
                    .put("total_tokens", run.totalTokens())
                    .put("total_steps", 3)
                    .put("created_at", run.createdAt)
                    .put("exceptions_count", 0)
                    .put("triggered_from", run.triggeredFrom);
            if (run.finishedAt == 0) {
                workflowRun.putNull("finished_at");
            } else {
                workflowRun.put("finished_at", run.finishedAt);
            }
            item.put("created_from", "service-api").put("created_by_role", "end_user");
            item.putObject("created_by_end_user")
                    .put("id", endUserId(run.prompt.user()))
                    .put("type", "service_api")
                    .put("is_anonymous", false)
                    .put("session_id", run.prompt.user());
            item.put("created_at", run.createdAt);
        }
        sim.sendJson(call.exchange, 200, json);
    }

    private final Map<String, String> jobs = new ConcurrentHashMap<>();

    /** Annotation reply jobs complete at once here; Dify runs them in the background. */
    private void annotationReply(Call call, String[] seg) throws IOException {
        String action = seg[2];
        if (!action.equals("enable") && !action.equals("disable")) {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 400, "invalid_action", "Invalid action: " + action);
            return;
        }
        if (call.method.equals("GET")) {
            sim.record(call, null, Map.of(), -1);
            String job = seg.length > 4 ? seg[4] : null;
            if (job == null || !jobs.containsKey(job)) {
                sim.sendError(call.exchange, 400, "invalid_param", "The job does not exist.");
                return;
            }
            sim.sendJson(call.exchange, 200, sim.mapper()
                    .createObjectNode()
                    .put("job_id", job)
                    .put("job_status", "completed")
                    .put("error_msg", ""));
            return;
        }
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        if (action.equals("enable") && (!body.hasNonNull("embedding_provider_name")
                || !body.hasNonNull("embedding_model_name") || !body.has("score_threshold"))) {
            sim.sendError(call.exchange, 400, "invalid_param",
                    "embedding_provider_name, embedding_model_name and score_threshold are required");
            return;
        }
        String job = UUID.randomUUID().toString();
        jobs.put(job, action);
        sim.sendJson(call.exchange, 200, sim.mapper()
                .createObjectNode()
                .put("job_id", job)
                .put("job_status", "waiting"));
    }

    private static long epochSeconds(String iso, long absent) {
        if (iso == null || iso.isBlank()) {
            return absent;
        }
        try {
            return java.time.OffsetDateTime.parse(iso).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return java.time.LocalDateTime.parse(iso).toEpochSecond(java.time.ZoneOffset.UTC);
        }
    }

    private static String statusOf(SimulatedRun run) {
        ObjectNode finished = run.finishedEvent();
        return finished == null ? "running" : finished.at("/data/status").asText();
    }

    private void annotations(Call call, SimulatedApp app, String annotationId) throws IOException {
        Map<String, ObjectNode> mine = annotations.computeIfAbsent(app.id(), k -> new ConcurrentHashMap<>());
        if (call.method.equals("GET")) {
            sim.record(call, null, Map.of(), -1);
            Map<String, String> query = call.queryParams();
            String keyword = query.getOrDefault("keyword", "");
            List<ObjectNode> matching = mine.values()
                    .stream()
                    .filter(a -> a.get("question").asText().contains(keyword) || a.get("answer")
                            .asText()
                            .contains(keyword))
                    .sorted(Comparator.comparingLong((ObjectNode a) -> a.get("created_at").asLong()))
                    .toList();
            sim.sendJson(call.exchange, 200, sim.numberedPage(query, matching));
            return;
        }
        if (call.method.equals("DELETE")) {
            sim.drainAndRecord(call);
            if (mine.remove(annotationId) == null) {
                sim.sendError(call.exchange, 404, "not_found", "Annotation not found.");
                return;
            }
            DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
            return;
        }
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String question = Generation.text(body, "question");
        String answer = Generation.text(body, "answer");
        if (question == null || answer == null) {
            sim.sendError(call.exchange, 400, "invalid_param", "question and answer are required");
            return;
        }
        if (call.method.equals("PUT")) {
            ObjectNode existing = mine.get(annotationId);
            if (existing == null) {
                sim.sendError(call.exchange, 404, "not_found", "Annotation not found.");
                return;
            }
            existing.put("question", question).put("answer", answer);
            sim.sendJson(call.exchange, 200, existing);
            return;
        }
        ObjectNode created = sim.mapper()
                .createObjectNode()
                .put("id", UUID.randomUUID().toString())
                .put("question", question)
                .put("answer", answer)
                .put("hit_count", 0)
                .put("created_at", System.currentTimeMillis() / 1000);
        mine.put(created.get("id").asText(), created);
        sim.sendJson(call.exchange, 201, created);
    }
}
