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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.RunPlans.Step;
import org.apache.camel.component.dify.simulator.State.Conversation;

/**
 * The generation endpoints: {@code /chat-messages}, {@code /completion-messages}, {@code /workflows/run} and the stop
 * endpoints. Validation order, error codes, response shapes and event sequences follow Dify's server code
 * (langgenius/dify api/controllers/service_api/app/ and api/core/app/);
 * failures of streaming Workflow and Chatflow runs surface in the stream (section 4.7), as in Dify.
 */
final class Generation {

    private final DifySimulator sim;
    private final ObjectMapper mapper;
    private final EventShapes shapes;
    private final RunPlans plans;
    private final RunDriver driver;

    Generation(DifySimulator sim) {
        this.sim = sim;
        this.mapper = sim.mapper();
        this.shapes = new EventShapes(mapper);
        this.plans = new RunPlans(sim, shapes);
        this.driver = new RunDriver(sim, shapes);
    }

    // ---------------------------------------------------------------- chat

    void chat(Call call, SimulatedApp app, Fault fault) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null || !commonChecks(call, app, body, app.mode().isChatFamily(), "not_chat_app",
                "Please check if your app mode matches the right API route.", "ChatRequestPayload")) {
            return;
        }
        if (!body.hasNonNull("query") || !body.get("query").isTextual()) {
            pydanticMissing(call, "ChatRequestPayload", "query", body);
            return;
        }
        String mode = text(body, "response_mode");
        boolean streaming = "streaming".equals(mode);
        if (app.mode() == AppMode.AGENT_CHAT && !streaming) {
            sim.sendError(call.exchange, 400, "invalid_param", "Agent Chat App does not support blocking mode");
            return;
        }
        String conversationId = text(body, "conversation_id");
        if (conversationId != null && conversationId.isBlank()) {
            conversationId = null;
        }
        if (conversationId != null && !isUuid(conversationId)) {
            sim.sendError(call.exchange, 400, "invalid_param", "conversation_id must be a valid UUID");
            return;
        }
        String user = text(body, "user");
        // streaming Chatflow runs are validated in the worker, so their failures arrive inside the stream
        boolean inWorker = app.mode() == AppMode.ADVANCED_CHAT && streaming;
        String failure = null;
        Conversation conversation = null;
        if (conversationId != null) {
            conversation = sim.state().conversations.get(conversationId);
            if (conversation == null || !conversation.appId().equals(app.id()) || !conversation.user().equals(user)) {
                failure = "Conversation Not Exists.";
                if (!inWorker) {
                    sim.sendError(call.exchange, 404, "not_found", failure);
                    return;
                }
            }
        }
        if (failure == null) {
            failure = inputOrFileProblem(app, body, user);
            if (failure != null && !inWorker) {
                sim.sendError(call.exchange, 400, "invalid_param", failure);
                return;
            }
        }
        if (failure != null) {
            syntheticFailure(call, app, fault, failure);
            return;
        }
        if (conversation == null) {
            conversation = new Conversation(UUID.randomUUID().toString(), app.id(), user, inputs(body));
            long now = System.currentTimeMillis() / 1000;
            for (Map.Entry<String, Object[]> variable : app.conversationVariables().entrySet()) {
                ObjectNode json = mapper.createObjectNode()
                        .put("id", UUID.randomUUID().toString())
                        .put("name", variable.getKey())
                        .put("value_type", (String) variable.getValue()[0]);
                json.set("value", mapper.valueToTree(variable.getValue()[1]));
                json.put("description", "").put("created_at", now).put("updated_at", now);
                conversation.variables.put(json.get("id").asText(), json);
            }
            sim.state().conversations.put(conversation.id(), conversation);
        }
        String query = body.get("query").asText();
        Prompt prompt = new Prompt(query, inputs(body), user, conversation.id(), conversation.messages.size() + 1);
        Prepared prepared = prepare(app, prompt, conversation.id(), fault);
        SimulatedRun run = prepared.run();
        fault = prepared.fault();
        State.StoredMessage stored = new State.StoredMessage(run.messageId, conversation.id(), query,
                prompt.inputs());
        stored.answer = run.finalAnswer();
        conversation.messages.add(stored);
        conversation.updatedAt = System.currentTimeMillis() / 1000;
        if (conversation.messages.size() == 1 && body.path("auto_generate_name").asBoolean(true)) {
            conversation.name = query.length() > 40 ? query.substring(0, 40) : query;
        }
        sim.state().messages.put(stored.id, stored);
        body.path("files").forEach(f -> {
            if (f.hasNonNull("upload_file_id")) {
                sim.state().filesInMessages.add(f.get("upload_file_id").asText());
            }
        });
        if (streaming && app.longStreamDeltas() > 0) {
            writeLongStream(call, run, app.longStreamDeltas());
        } else if (streaming) {
            streamMessages(call, app, fault, run);
        } else {
            blockingMessage(call, app, fault, run);
        }
    }

    /** A message's run, and the fault it meets: a failed call out fails it with 500, as Dify's app runner does. */
    private record Prepared(SimulatedRun run, Fault fault) {
    }

    /**
     * The run of a Chatbot, Agent or Text Generator message after what the app calls out to (moderation, external
     * data tools, knowledge: {@link Callouts}).
     */
    private Prepared prepare(SimulatedApp app, Prompt asked, String conversationId, Fault fault) {
        try {
            Callouts.Prepared prepared = sim.callouts().prepare(app, asked);
            String answer = prepared.presetAnswer() != null
                    ? prepared.presetAnswer()
                    : app.answerFor(prepared.prompt());
            SimulatedRun run = new SimulatedRun(app, prepared.prompt(), answer, conversationId);
            run.retrieverResources = prepared.retrieverResources();
            if (prepared.presetAnswer() == null) {
                String replacement = sim.callouts().moderateOutput(app, answer);
                if (replacement != null) {
                    run.replacement = replacement;
                }
            }
            return new Prepared(run, fault);
        } catch (Callouts.Failure failure) {
            return new Prepared(new SimulatedRun(app, asked, "", conversationId),
                    new Fault.ErrorEvent(0, 500, "internal_server_error", failure.getMessage()));
        }
    }

    /** A chat stream of {@code deltas} message events, rendered while written so its length costs no memory. */
    private void writeLongStream(Call call, SimulatedRun run, int deltas) throws IOException {
        call.exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        call.exchange.sendResponseHeaders(200, 0);
        DifySimulator.noteResponse(200, "text/event-stream; charset=utf-8", new byte[0]);
        String prefix = "data: {\"event\":\"message\",\"conversation_id\":\"" + run.conversationId
                + "\",\"message_id\":\"" + run.messageId + "\",\"created_at\":" + run.createdAt
                + ",\"task_id\":\"" + run.taskId + "\",\"id\":\"" + run.messageId + "\",\"answer\":\"";
        try (var out = new java.io.BufferedOutputStream(call.exchange.getResponseBody(), 64 * 1024)) {
            for (int i = 0; i < deltas; i++) {
                out.write((prefix + " w" + i + "\",\"from_variable_selector\":null}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write(
                    ("data: " + mapper.writeValueAsString(shapes.messageEnd(run)) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- completion

    void completion(Call call, SimulatedApp app, Fault fault) throws IOException {
        ObjectNode body = sim.readJson(call);
        // langgenius/dify api/controllers/service_api/app/completion.py: a non-completion app gets app_unavailable,
        // not not_completion_app
        if (body == null || !commonChecks(call, app, body, app.mode() == AppMode.COMPLETION, "app_unavailable",
                "App unavailable, please check your app configurations.", "CompletionRequestPayload")) {
            return;
        }
        String user = text(body, "user");
        String problem = inputOrFileProblem(app, body, user);
        if (problem != null) {
            sim.sendError(call.exchange, 400, "invalid_param", problem);
            return;
        }
        String query = body.hasNonNull("query") ? body.get("query").asText() : "";
        Prepared prepared = prepare(app, new Prompt(query, inputs(body), user, null, 1), null, fault);
        SimulatedRun run = prepared.run();
        fault = prepared.fault();
        if ("streaming".equals(text(body, "response_mode"))) {
            streamMessages(call, app, fault, run);
        } else {
            blockingMessage(call, app, fault, run);
        }
    }

    // ---------------------------------------------------------------- workflow

    void workflow(Call call, SimulatedApp app, Fault fault, String workflowId) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null || !commonChecks(call, app, body, app.mode() == AppMode.WORKFLOW, "not_workflow_app",
                "Please check if your app mode matches the right API route.", "WorkflowRunPayload")) {
            return;
        }
        if (workflowId != null) {
            if (!isUuid(workflowId)) {
                sim.sendError(call.exchange, 400, "bad_request", "Invalid workflow_id format: '" + workflowId + "'. ");
                return;
            }
            if (!workflowId.equals(app.workflowId())) {
                sim.sendError(call.exchange, 404, "not_found", "Workflow not found with id: " + workflowId);
                return;
            }
        }
        boolean streaming = "streaming".equals(text(body, "response_mode"));
        String user = text(body, "user");
        String problem = inputOrFileProblem(app, body, user);
        if (problem != null) {
            if (streaming) {
                syntheticFailure(call, app, fault, problem);
            } else {
                sim.sendError(call.exchange, 400, "invalid_param", problem);
            }
            return;
        }
        Prompt prompt = new Prompt("", inputs(body), user, null, 1);
        SimulatedRun run = new SimulatedRun(app, prompt, app.answerFor(prompt), null);
        if (streaming) {
            streamWorkflow(call, app, fault, run);
        } else {
            blockingWorkflow(call, fault, run);
        }
    }

    /**
     * A run started by one of Dify's triggers (webhook, schedule, plugin): nobody reads its stream; it shows in the
     * workflow logs with its {@code triggered_from}.
     */
    String startTriggered(SimulatedApp app, Map<String, Object> inputs, String triggeredFrom) {
        Prompt prompt = new Prompt("", inputs, "trigger-" + triggeredFrom, null, 1);
        SimulatedRun run = new SimulatedRun(app, prompt, app.answerFor(prompt), null);
        run.triggeredFrom = triggeredFrom;
        List<Step> plan = plans.workflowPlan(run, app.nextTriggeredRunFailure());
        sim.state().runs.put(run.workflowRunId, run);
        sim.state().runsByTask.put(run.taskId, run);
        sim.execute(() -> driver.drive(run, plan));
        return run.workflowRunId;
    }

    // ---------------------------------------------------------------- stop

    void stop(Call call, SimulatedApp app, String[] seg) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        boolean workflowStop = seg[0].equals("workflows");
        String user = workflowStop ? text(body, "user") : sim.requireUser(call, body);
        if (!workflowStop && user == null) {
            return;
        }
        SimulatedRun run = sim.state().runsByTask.get(seg[workflowStop ? 2 : 1]);
        // langgenius/dify api/core/app/apps/base_app_queue_manager.py: chat and completion stops of another user's
        // task are silently ignored; workflow stops
        // do not check the user
        if (run != null && run.app == app && (workflowStop || run.prompt.user().equals(user))) {
            run.requestStop();
        }
        sim.sendJson(call.exchange, 200, mapper.createObjectNode().put("result", "success"));
    }

    // ---------------------------------------------------------------- shared checks

    private boolean commonChecks(Call call, SimulatedApp app, ObjectNode body, boolean modeMatches, String code,
            String message, String payloadModel) throws IOException {
        if (sim.requireUser(call, body) == null) {
            return false;
        }
        if (!modeMatches) {
            sim.sendError(call.exchange, 400, code, message);
            return false;
        }
        if (!body.has("inputs") || !body.get("inputs").isObject()) {
            pydanticMissing(call, payloadModel, "inputs", body);
            return false;
        }
        String mode = text(body, "response_mode");
        if (mode != null && !mode.equals("streaming") && !mode.equals("blocking")) {
            sim.sendError(call.exchange, 400, "invalid_param", "1 validation error for " + payloadModel
                    + "\nresponse_mode\n  Input should be 'blocking' or 'streaming' [type=literal_error]");
            return false;
        }
        return true;
    }

    private void pydanticMissing(Call call, String model, String field, ObjectNode body) throws IOException {
        sim.sendError(call.exchange, 400, "invalid_param", "1 validation error for " + model + "\n" + field
                + "\n  Field required [type=missing, input_value="
                + body + ", input_type=dict]");
    }

    /** The first required input that is missing, or the first file the user may not reference; else null. */
    private String inputOrFileProblem(SimulatedApp app, ObjectNode body, String user) {
        JsonNode inputs = body.get("inputs");
        for (String name : app.requiredInputs()) {
            JsonNode value = inputs.get(name);
            if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
                return name + " is required in input form";
            }
        }
        JsonNode files = body.get("files");
        if (files != null && files.isArray()) {
            for (JsonNode file : files) {
                if ("local_file".equals(text(file, "transfer_method"))) {
                    State.UploadedFile uploaded = sim.state().files.get(String.valueOf(text(file,
                            "upload_file_id")));
                    if (uploaded == null || !uploaded.user().equals(user)) {
                        return "Invalid upload file id";
                    }
                }
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- streaming: run, driver, relay

    private void streamMessages(Call call, SimulatedApp app, Fault fault, SimulatedRun run) throws IOException {
        startAndRelay(call, app, fault, run, app.mode() == AppMode.ADVANCED_CHAT ? plans.workflowPlan(run, fault)
                : plans.messagePlan(run));
    }

    private void streamWorkflow(Call call, SimulatedApp app, Fault fault, SimulatedRun run) throws IOException {
        startAndRelay(call, app, fault, run, plans.workflowPlan(run, fault));
    }

    private void startAndRelay(Call call, SimulatedApp app, Fault fault, SimulatedRun run, List<Step> plan)
            throws IOException {
        sim.state().runs.put(run.workflowRunId, run);
        sim.state().runsByTask.put(run.taskId, run);
        BlockingQueue<Object> queue = run.subscribe(false);
        sim.execute(() -> driver.drive(run, plan));
        EventStream stream = new EventStream(call.exchange, mapper, app.pingInterval(), fault).of(run);
        stream.open();
        if (app.mode().runsWorkflow()) {
            stream.ping(); // the workflow relay's immediate first frame
        }
        relay(stream, run, queue, false);
    }

    /**
     * Writes the run's events to one HTTP stream until the relay's terminal event (langgenius/dify
     * api/core/app/apps/streaming_utils.py): the end of the
     * run for chat and completion, {@code workflow_finished} or (unless {@code continueOnPause})
     * {@code workflow_paused} for Workflow and Chatflow. A scripted fault may end the relay earlier; the run itself
     * goes on, as Dify's worker does when a client disconnects.
     */
    private void relay(EventStream stream, SimulatedRun run, BlockingQueue<Object> queue, boolean continueOnPause)
            throws IOException {
        boolean workflowRelay = run.app.mode().runsWorkflow();
        try {
            while (true) {
                Object item = queue.poll(run.app.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (item == null) {
                    stream.ping();
                    continue;
                }
                if (item == SimulatedRun.END) {
                    return;
                }
                if (stream.errorDue()) {
                    stream.sendUnchecked(shapes.errorFrame(run, (Fault.ErrorEvent) stream.fault()));
                    run.requestStop();
                    return;
                }
                ObjectNode event = (ObjectNode) item;
                stream.send(event);
                String name = event.get("event").asText();
                if (workflowRelay && (name.equals("workflow_finished")
                        || name.equals("workflow_paused") && !continueOnPause)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (EventStream.Ended ended) {
            // the scripted fault ended the stream without its terminal event
        } finally {
            run.unsubscribe(queue);
        }
    }

    // ---------------------------------------------------------------- resume: GET /workflow/{id}/events

    void events(Call call, SimulatedApp app, String workflowRunId, Fault fault) throws IOException {
        sim.record(call, null, Map.of(), -1);
        Map<String, String> query = call.queryParams();
        String user = query.get("user");
        if (user == null || user.isBlank()) {
            sim.sendError(call.exchange, 400, "invalid_param", "Arg user must be provided.");
            return;
        }
        if (!app.mode().runsWorkflow()) {
            sim.sendError(call.exchange, 400, "not_workflow_app",
                    "Please check if your app mode matches the right API route.");
            return;
        }
        SimulatedRun run = sim.state().runs.get(workflowRunId);
        if (run == null || run.app != app || !run.prompt.user().equals(user)) {
            sim.sendError(call.exchange, 404, "not_found", "Workflow run not found");
            return;
        }
        boolean snapshot = Boolean.parseBoolean(query.get("include_state_snapshot"));
        boolean continueOnPause = Boolean.parseBoolean(query.get("continue_on_pause"));
        ObjectNode finished = run.finishedEvent();
        if (finished != null && run.isEnded()) {
            // a finished run: one frame, written by Python's json.dumps (spaces after separators)
            call.exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            call.exchange.sendResponseHeaders(200, 0);
            DifySimulator.noteResponse(200, "text/event-stream; charset=utf-8", new byte[0]);
            try (var out = call.exchange.getResponseBody()) {
                out.write(("data: " + pythonJson(finished) + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        BlockingQueue<Object> queue = run.subscribe(snapshot);
        EventStream stream = new EventStream(call.exchange, mapper, app.pingInterval(), fault).of(run);
        call.exchange.getResponseHeaders().set("Connection", "keep-alive");
        stream.open();
        stream.ping();
        relay(stream, run, queue, continueOnPause);
    }

    private String pythonJson(ObjectNode node) throws IOException {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(DefaultPrettyPrinter.NopIndenter.instance)
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
        return mapper.writer(printer).writeValueAsString(node);
    }

    // ---------------------------------------------------------------- blocking bodies

    private void blockingMessage(Call call, SimulatedApp app, Fault fault, SimulatedRun run) throws IOException {
        if (fault instanceof Fault.ErrorEvent error) {
            // blocking requests report generation errors as HTTP errors (langgenius/dify
            // api/controllers/service_api/app/completion.py)
            sim.sendError(call.exchange, error.status(), error.code(), error.message());
            return;
        }
        if (fault instanceof Fault.WorkflowFailure failure) {
            sim.sendError(call.exchange, 500, "internal_server_error", failure.error());
            return;
        }
        ObjectNode response = mapper.createObjectNode()
                .put("event", "message")
                .put("task_id", run.taskId)
                .put("id", run.messageId)
                .put("message_id", run.messageId);
        if (run.conversationId != null) {
            response.put("conversation_id", run.conversationId);
        }
        response.put("mode", app.mode().wireName()).put("answer", run.finalAnswer());
        response.set("metadata", shapes.metadata(run));
        response.put("created_at", run.createdAt);
        sim.sendJson(call.exchange, 200, response);
    }

    private void blockingWorkflow(Call call, Fault fault, SimulatedRun run) throws IOException {
        if (fault instanceof Fault.ErrorEvent error) {
            sim.sendError(call.exchange, error.status(), error.code(), error.message());
            return;
        }
        boolean failed = fault instanceof Fault.WorkflowFailure;
        ObjectNode data = mapper.createObjectNode()
                .put("id", run.workflowRunId)
                .put("workflow_id", run.app.workflowId())
                .put("status", failed ? "failed" : "succeeded");
        if (failed) {
            data.putNull("outputs");
            data.put("error", ((Fault.WorkflowFailure) fault).error());
        } else {
            data.set("outputs", mapper.valueToTree(run.outputs));
            data.putNull("error");
        }
        data.put("elapsed_time", run.elapsedSeconds())
                .put("total_tokens", run.totalTokens())
                .put("total_steps", 3)
                .put("created_at", run.createdAt)
                .put("finished_at", run.createdAt + 1);
        ObjectNode response = mapper.createObjectNode()
                .put("task_id", run.taskId)
                .put("workflow_run_id", run.workflowRunId);
        response.set("data", data);
        sim.sendJson(call.exchange, 200, response);
    }

    /** langgenius/dify api/tasks/app_generate/workflow_execute_task.py: the worker publishes workflow_started + a
     * failed workflow_finished when a run cannot start. */
    private void syntheticFailure(Call call, SimulatedApp app, Fault fault, String error) throws IOException {
        EventStream stream = new EventStream(call.exchange, mapper, app.pingInterval(), fault);
        stream.open();
        stream.ping();
        String runId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis() / 1000;
        ObjectNode started = mapper.createObjectNode()
                .put("event", "workflow_started")
                .put("task_id", runId)
                .put("workflow_run_id", runId);
        started.putObject("data")
                .put("id", runId)
                .put("workflow_id", app.workflowId())
                .put("created_at", now)
                .put("reason", "initial")
                .putObject("inputs");
        ObjectNode finished = mapper.createObjectNode()
                .put("event", "workflow_finished")
                .put("task_id", runId)
                .put("workflow_run_id", runId);
        ObjectNode data = finished.putObject("data")
                .put("id", runId)
                .put("workflow_id", app.workflowId())
                .put("status", "failed");
        data.putNull("outputs");
        data.put("error", error).put("elapsed_time", 0.0).put("total_tokens", 0).put("total_steps", 0);
        data.putObject("created_by");
        data.put("created_at", now).put("finished_at", now).put("exceptions_count", 1).putArray("files");
        stream.send(started);
        stream.send(finished);
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> inputs(ObjectNode body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = mapper.convertValue(body.get("inputs"), Map.class);
        return inputs;
    }

    static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

}
