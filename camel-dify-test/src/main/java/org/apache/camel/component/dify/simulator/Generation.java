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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.DifySimulator.Call;
import org.apache.camel.component.dify.simulator.DifySimulator.Conversation;

/**
 * The generation endpoints: {@code /chat-messages}, {@code /completion-messages}, {@code /workflows/run} and the stop
 * endpoints. Validation order, error codes, response shapes and event sequences follow Dify's server code
 * (langgenius/dify api/controllers/service_api/app/ and api/core/app/);
 * failures of streaming Workflow and Chatflow runs surface in the stream (section 4.7), as in Dify.
 */
final class Generation {

    private static final BigDecimal UNIT_PRICE = new BigDecimal("0.000002");

    private final DifySimulator sim;
    private final ObjectMapper mapper;

    Generation(DifySimulator sim) {
        this.sim = sim;
        this.mapper = sim.mapper();
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
        SimulatedRun run = new SimulatedRun(app, prompt, app.answerFor(prompt), conversation.id());
        DifySimulator.StoredMessage stored = new DifySimulator.StoredMessage(run.messageId, conversation.id(), query,
                prompt.inputs());
        stored.answer = app.moderatedAnswer() != null ? app.moderatedAnswer() : run.answer;
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
                    ("data: " + mapper.writeValueAsString(messageEnd(run)) + "\n\n").getBytes(StandardCharsets.UTF_8));
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
        Prompt prompt = new Prompt(query, inputs(body), user, null, 1);
        SimulatedRun run = new SimulatedRun(app, prompt, app.answerFor(prompt), null);
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
                    DifySimulator.UploadedFile uploaded = sim.state().files.get(String.valueOf(text(file,
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
        startAndRelay(call, app, fault, run, app.mode() == AppMode.ADVANCED_CHAT ? workflowPlan(run, fault)
                : messagePlan(run));
    }

    private void streamWorkflow(Call call, SimulatedApp app, Fault fault, SimulatedRun run) throws IOException {
        startAndRelay(call, app, fault, run, workflowPlan(run, fault));
    }

    private void startAndRelay(Call call, SimulatedApp app, Fault fault, SimulatedRun run, List<Step> plan)
            throws IOException {
        sim.state().runs.put(run.workflowRunId, run);
        sim.state().runsByTask.put(run.taskId, run);
        BlockingQueue<Object> queue = run.subscribe(false);
        sim.execute(() -> drive(run, plan));
        EventStream stream = new EventStream(call.exchange, mapper, app.pingInterval(), fault);
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
                    stream.sendUnchecked(errorFrame(run, (Fault.ErrorEvent) stream.fault()));
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

    /** Runs the plan on a simulator thread, with the app's pacing, stop requests and Human Input pauses. */
    private void drive(SimulatedRun run, List<Step> plan) {
        try {
            boolean first = true;
            for (Step step : plan) {
                if (!first && !run.app.pacing().isZero()) {
                    LockSupport.parkNanos(run.app.pacing().toNanos());
                }
                first = false;
                if (run.stopRequested()) {
                    publishStop(run);
                    return;
                }
                if (step instanceof Emit emit) {
                    if (emit.delta() != null) {
                        run.appendAnswer(emit.delta());
                    }
                    run.publish(emit.event());
                } else if (step instanceof Pause pause && !pauseForHumanInput(run, pause.form())) {
                    publishStop(run);
                    return;
                }
            }
        } finally {
            run.end();
        }
    }

    /** Publishes the pause, waits for the form; false when the run was stopped meanwhile. */
    private boolean pauseForHumanInput(SimulatedRun run, HumanInputForm form) {
        String token = sim.token();
        DifySimulator.FormState state = new DifySimulator.FormState(token, run, form);
        sim.state().forms.put(token, state);
        ObjectNode required = mapper.createObjectNode()
                .put("form_id", state.formId)
                .put("node_id", "human_input")
                .put("node_title", form.title())
                .put("form_content", form.content());
        ArrayNode inputs = required.putArray("inputs");
        form.inputNames()
                .forEach(n -> inputs.addObject()
                        .put("type", "paragraph")
                        .put("output_variable_name", n)
                        .putNull("default"));
        ArrayNode actions = required.putArray("actions");
        form.actions().forEach(a -> actions.addObject().put("id", a).put("title", a).put("button_style", "default"));
        required.put("display_in_ui", true).put("form_token", token);
        required.putArray("approval_channels").add("webapp");
        required.putObject("resolved_default_values");
        required.put("expiration_time", state.expiresAt);
        run.publish(withData(envelope(run, "human_input_required"), required));
        ObjectNode paused = mapper.createObjectNode().put("workflow_run_id", run.workflowRunId);
        paused.putArray("paused_nodes").add("human_input");
        paused.putObject("outputs");
        ObjectNode reason = paused.putArray("reasons")
                .addObject()
                .put("type", "human_input_required")
                .put("form_id", state.formId)
                .put("node_id", "human_input")
                .put("node_title", form.title())
                .put("form_token", token)
                .put("expiration_time", state.expiresAt);
        reason.put("form_content", form.content());
        paused.put("status", "paused")
                .put("created_at", run.createdAt)
                .put("elapsed_time", run.elapsedSeconds())
                .put("total_tokens", run.totalTokens())
                .put("total_steps", 2);
        run.publish(withData(envelope(run, "workflow_paused"), paused));
        SimulatedRun.FormSubmission submission;
        try {
            submission = run.awaitForm().get(form.expiresAfter().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ObjectNode timeout = mapper.createObjectNode()
                    .put("node_id", "human_input")
                    .put("node_title", form.title())
                    .put("expiration_time", state.expiresAt);
            run.publish(withData(envelope(run, "human_input_form_timeout"), timeout));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false; // stopped while paused
        }
        ObjectNode resumed = workflowStartedData(run).put("reason", "resumption");
        run.publish(withData(envelope(run, "workflow_started"), resumed));
        ObjectNode filled = mapper.createObjectNode()
                .put("node_id", "human_input")
                .put("node_title", form.title())
                .put("rendered_content", form.content())
                .put("action_id", submission.action())
                .put("action_text", submission.action());
        filled.set("submitted_data", mapper.valueToTree(submission.inputs()));
        run.publish(withData(envelope(run, "human_input_form_filled"), filled));
        return true;
    }

    /** How a stopped run ends (Dify docs /en/api-reference/chat-messages/stop-chat-message-generation). */
    private void publishStop(SimulatedRun run) {
        if (run.app.mode().runsWorkflow()) {
            run.publish(withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "stopped", Map.of(), "Stopped by user.")));
        }
        if (run.app.mode() != AppMode.WORKFLOW) {
            run.publish(messageEnd(run));
        }
    }

    private void emit(List<Step> plan, ObjectNode event) {
        plan.add(new Emit(event, null));
    }

    /** Chatbot, Agent and Text Generator streams. */
    private List<Step> messagePlan(SimulatedRun run) {
        List<Step> plan = new ArrayList<>();
        SimulatedApp app = run.app;
        boolean agent = app.mode() == AppMode.AGENT_CHAT;
        if (agent) {
            emit(plan, agentThought(run, ""));
        }
        boolean fileDeltas = false;
        if (app.assistantFile()) {
            ObjectNode file = envelope(run, "message_file").put("id", UUID.randomUUID().toString())
                    .put("type", "image")
                    .put("belongs_to", "assistant")
                    .put("url",
                            sim.baseUrl() + "/files/tools/" + UUID.randomUUID() + ".png?timestamp=1&nonce=n&sign=s");
            emit(plan, file);
            fileDeltas = !agent;
        }
        int index = 0;
        for (String chunk : run.chunks) {
            String name = agent ? "agent_message" : fileDeltas ? "message_file" : "message";
            ObjectNode delta = envelope(run, name).put("id", run.messageId).put("answer", chunk);
            if (!agent) {
                delta.putNull("from_variable_selector");
            }
            plan.add(new Emit(delta, chunk));
            if (app.tts() && index++ % 2 == 1) {
                emit(plan, envelope(run, "tts_message").put("audio", ttsChunk(chunk)));
            }
        }
        extraEvents(plan, run);
        if (app.moderatedAnswer() != null) {
            emit(plan, envelope(run, "message_replace").put("answer", app.moderatedAnswer())
                    .put("reason", "output_moderation"));
        }
        if (agent) {
            emit(plan, agentThought(run, run.answer));
        }
        emit(plan, messageEnd(run));
        if (app.tts()) {
            // TTS may go on after message_end (Dify docs /en/api-reference/guides/streaming)
            emit(plan, envelope(run, "tts_message").put("audio", ttsChunk("end")));
            emit(plan, envelope(run, "tts_message_end").put("audio", ""));
        }
        return plan;
    }

    /** Workflow and Chatflow streams: nodes, optional iteration, loop, retry, reasoning, agent log and pause. */
    private List<Step> workflowPlan(SimulatedRun run, Fault fault) {
        List<Step> plan = new ArrayList<>();
        SimulatedApp app = run.app;
        boolean chatflow = app.mode() == AppMode.ADVANCED_CHAT;
        emit(plan, withData(envelope(run, "workflow_started"), workflowStartedData(run)));
        nodePair(plan, run, "start", "start", "Start", 1, null, null, null);
        int index = 2;
        if (app.iterations() > 0) {
            String iterationNode = "iteration";
            String execution = UUID.randomUUID().toString();
            emit(plan, withData(envelope(run, "iteration_started"), groupData(run, execution, iterationNode,
                    "iteration", "Iteration", null)));
            for (int i = 0; i < app.iterations(); i++) {
                ObjectNode next = groupData(run, execution, iterationNode, "iteration", "Iteration", i);
                emit(plan, withData(envelope(run, "iteration_next"), next));
                nodePair(plan, run, "iteration_item_" + i, "code", "Process item " + i, index++,
                        Map.of("result", "item " + i), execution, null);
            }
            ObjectNode completed = groupData(run, execution, iterationNode, "iteration", "Iteration", null);
            completed.set("outputs", mapper.valueToTree(Map.of("output", List.of("item 0", "item 1"))));
            completed.put("status", "succeeded").put("steps", app.iterations());
            emit(plan, withData(envelope(run, "iteration_completed"), completed));
        }
        if (app.loops() > 0) {
            String execution = UUID.randomUUID().toString();
            emit(plan, withData(envelope(run, "loop_started"), groupData(run, execution, "loop", "loop", "Loop",
                    null)));
            for (int i = 0; i < app.loops(); i++) {
                ObjectNode next = groupData(run, execution, "loop", "loop", "Loop", i);
                next.set("pre_loop_output", mapper.valueToTree(Map.of("round", i)));
                emit(plan, withData(envelope(run, "loop_next"), next));
                nodePair(plan, run, "loop_body_" + i, "code", "Loop body " + i, index++, Map.of("round", i), null,
                        execution);
            }
            ObjectNode completed = groupData(run, execution, "loop", "loop", "Loop", null);
            completed.put("status", "succeeded").put("steps", app.loops());
            emit(plan, withData(envelope(run, "loop_completed"), completed));
        }
        int llmIndex = index++;
        emit(plan, withData(envelope(run, "node_started"), nodeData(run, "llm", "llm", "LLM", llmIndex, null,
                false)));
        if (app.nodeRetry()) {
            ObjectNode retry = nodeData(run, "llm", "llm", "LLM", llmIndex, null, true);
            retry.put("status", "retry").put("error", "Request timed out").put("retry_index", 1);
            emit(plan, withData(envelope(run, "node_retry"), retry));
        }
        if (app.agentLog()) {
            ObjectNode log = mapper.createObjectNode()
                    .put("node_execution_id", nodeExecutionId(run, "llm"))
                    .put("id", UUID.randomUUID().toString())
                    .put("label", "ROUND 1")
                    .putNull("parent_id");
            log.putNull("error");
            log.put("status", "success");
            log.putObject("data").put("thought", "I should answer directly.");
            log.putObject("metadata").put("elapsed_time", 0.05);
            log.put("node_id", "llm");
            emit(plan, withData(envelope(run, "agent_log"), log));
        }
        if (app.reasoning()) {
            for (String piece : List.of("Let me think", " about it.", "")) {
                ObjectNode data = mapper.createObjectNode();
                if (chatflow) {
                    data.put("message_id", run.messageId);
                } else {
                    data.putNull("message_id");
                }
                data.put("reasoning", piece).put("node_id", "llm").put("is_final", piece.isEmpty());
                emit(plan, withData(envelope(run, "reasoning_chunk"), data));
            }
        }
        int index2 = 0;
        for (String chunk : run.chunks) {
            ObjectNode delta;
            if (chatflow) {
                delta = envelope(run, "message").put("id", run.messageId).put("answer", chunk);
                delta.putArray("from_variable_selector").add("llm").add("text");
            } else {
                ObjectNode data = mapper.createObjectNode().put("text", chunk);
                data.putArray("from_variable_selector").add("llm").add("text");
                delta = withData(envelope(run, "text_chunk"), data);
            }
            plan.add(new Emit(delta, chunk));
            if (app.tts() && index2++ % 2 == 1) {
                emit(plan, envelope(run, "tts_message").put("audio", ttsChunk(chunk)));
            }
        }
        if (fault instanceof Fault.WorkflowFailure failure) {
            ObjectNode failed = nodeData(run, "llm", "llm", "LLM", llmIndex, null, true);
            failed.put("status", "failed").put("error", failure.error());
            emit(plan, withData(envelope(run, "node_finished"), failed));
            emit(plan, withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "failed", null, failure.error())));
            return plan;
        }
        emit(plan, withData(envelope(run, "node_finished"), nodeData(run, "llm", "llm", "LLM", llmIndex,
                Map.of("text", run.answer), true)));
        if (app.humanInput() != null) {
            emit(plan, withData(envelope(run, "node_started"), nodeData(run, "human_input", "human-input",
                    app.humanInput().title(), index++, null, false)));
            plan.add(new Pause(app.humanInput()));
            emit(plan, withData(envelope(run, "node_finished"), nodeData(run, "human_input", "human-input",
                    app.humanInput().title(), index - 1, Map.of(), true)));
        }
        extraEvents(plan, run);
        if (app.tts()) {
            emit(plan, envelope(run, "tts_message_end").put("audio", ""));
        }
        if (chatflow) {
            nodePair(plan, run, "answer", "answer", "Answer", index, Map.of("answer", run.answer), null, null);
            if (app.moderatedAnswer() != null) {
                emit(plan, envelope(run, "message_replace").put("answer", app.moderatedAnswer())
                        .put("reason", "output_moderation"));
            }
            emit(plan, messageEnd(run));
            emit(plan, withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "succeeded", Map.of("answer", run.answer), null)));
        } else {
            nodePair(plan, run, "end", "end", "End", index, run.outputs, null, null);
            emit(plan, withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "succeeded", run.outputs, null)));
        }
        return plan;
    }

    private void extraEvents(List<Step> plan, SimulatedRun run) {
        for (Map<String, Object> extra : run.app.extraEvents()) {
            ObjectNode event = envelope(run, String.valueOf(extra.get("event")));
            extra.forEach((k, v) -> {
                if (!k.equals("event")) {
                    event.set(k, mapper.valueToTree(v));
                }
            });
            emit(plan, event);
        }
    }

    private ObjectNode messageEnd(SimulatedRun run) {
        ObjectNode end = envelope(run, "message_end").put("id", run.messageId);
        end.set("metadata", metadata(run));
        end.putNull("files");
        return end;
    }

    private static String ttsChunk(String text) {
        return java.util.Base64.getEncoder().encodeToString(("ID3-mp3:" + text).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode groupData(SimulatedRun run, String execution, String nodeId, String type, String title,
            Integer index) {
        ObjectNode data = mapper.createObjectNode()
                .put("id", execution)
                .put("node_id", nodeId)
                .put("node_type", type)
                .put("title", title);
        if (index != null) {
            data.put("index", index);
        }
        data.put("created_at", run.createdAt);
        data.putObject("extras");
        return data;
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
        EventStream stream = new EventStream(call.exchange, mapper, app.pingInterval(), fault);
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

    /** A step of a simulated run. */
    private sealed interface Step {
    }

    /** Publish an event; {@code delta} is the answer text it carries, if any. */
    private record Emit(ObjectNode event, String delta) implements Step {
    }

    /** Pause at a Human Input node. */
    private record Pause(HumanInputForm form) implements Step {
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
        response.put("mode", app.mode().wireName()).put("answer", run.answer);
        response.set("metadata", metadata(run));
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

    // ---------------------------------------------------------------- event shapes (langgenius/dify
    // api/core/app/entities/task_entities.py)

    /** The base keys of every frame of the app's family, in Dify's order, then {@code task_id}. */
    private ObjectNode envelope(SimulatedRun run, String event) {
        ObjectNode node = mapper.createObjectNode().put("event", event);
        switch (run.app.mode()) {
            case WORKFLOW -> node.put("workflow_run_id", run.workflowRunId);
            case COMPLETION -> node.put("message_id", run.messageId).put("created_at", run.createdAt);
            default -> node.put("conversation_id", run.conversationId)
                    .put("message_id", run.messageId)
                    .put("created_at", run.createdAt);
        }
        node.put("task_id", run.taskId);
        if (run.app.mode() == AppMode.ADVANCED_CHAT && carriesRunId(event)) {
            node.put("workflow_run_id", run.workflowRunId);
        }
        return node;
    }

    private static boolean carriesRunId(String event) {
        return event.startsWith("workflow_") || event.startsWith("node_") || event.startsWith("iteration_")
                || event.startsWith("loop_") || event.startsWith("human_input_") || event.equals("agent_log");
    }

    private ObjectNode errorFrame(SimulatedRun run, Fault.ErrorEvent error) {
        ObjectNode node = mapper.createObjectNode().put("event", "error");
        if (run.app.mode() == AppMode.WORKFLOW) {
            node.put("workflow_run_id", run.workflowRunId);
        } else {
            if (run.app.mode() != AppMode.COMPLETION) {
                node.put("conversation_id", run.conversationId);
            }
            node.put("message_id", run.messageId).put("created_at", run.createdAt);
        }
        return node.put("code", error.code()).put("status", error.status()).put("message", error.message());
    }

    private static ObjectNode withData(ObjectNode envelope, ObjectNode data) {
        envelope.set("data", data);
        return envelope;
    }

    private ObjectNode workflowStartedData(SimulatedRun run) {
        ObjectNode data = mapper.createObjectNode()
                .put("id", run.workflowRunId)
                .put("workflow_id", run.app.workflowId());
        ObjectNode inputs = mapper.valueToTree(run.prompt.inputs());
        inputs.put("sys.user_id", run.prompt.user())
                .put("sys.app_id", run.app.id())
                .put("sys.workflow_id", run.app.workflowId())
                .put("sys.workflow_run_id", run.workflowRunId);
        if (run.app.mode() == AppMode.ADVANCED_CHAT) {
            inputs.put("sys.query", run.prompt.query()).put("sys.conversation_id", run.conversationId);
        }
        data.set("inputs", inputs);
        return data.put("created_at", run.createdAt).put("reason", "initial");
    }

    private ObjectNode workflowFinishedData(SimulatedRun run, String status, Map<String, Object> outputs,
            String error) {
        ObjectNode data = mapper.createObjectNode()
                .put("id", run.workflowRunId)
                .put("workflow_id", run.app.workflowId())
                .put("status", status);
        data.set("outputs", outputs == null ? mapper.nullNode() : mapper.valueToTree(outputs));
        data.put("error", error)
                .put("elapsed_time", run.elapsedSeconds())
                .put("total_tokens", run.totalTokens())
                .put("total_steps", 3);
        data.putObject("created_by")
                .put("id", AppRecords.endUserId(run.prompt.user()))
                .put("user", run.prompt.user());
        data.put("created_at", run.createdAt)
                .put("finished_at", run.createdAt + 1)
                .put("exceptions_count", error == null ? 0 : 1)
                .putArray("files");
        return data;
    }

    private void nodePair(List<Step> plan, SimulatedRun run, String nodeId, String type, String title, int index,
            Map<String, Object> outputs, String iterationId, String loopId) {
        ObjectNode started = nodeData(run, nodeId, type, title, index, null, false);
        ObjectNode finished = nodeData(run, nodeId, type, title, index, outputs, true);
        for (ObjectNode data : List.of(started, finished)) {
            if (iterationId != null) {
                data.put("iteration_id", iterationId);
            }
            if (loopId != null) {
                data.put("loop_id", loopId);
            }
        }
        emit(plan, withData(envelope(run, "node_started"), started));
        emit(plan, withData(envelope(run, "node_finished"), finished));
    }

    private static String nodeExecutionId(SimulatedRun run, String nodeId) {
        return UUID.nameUUIDFromBytes((run.workflowRunId + nodeId).getBytes()).toString();
    }

    private ObjectNode nodeData(SimulatedRun run, String nodeId, String type, String title, int index,
            Map<String, Object> outputs, boolean finished) {
        ObjectNode data = mapper.createObjectNode()
                .put("id", nodeExecutionId(run, nodeId))
                .put("node_id", nodeId)
                .put("node_type", type)
                .put("title", title)
                .put("index", index);
        data.putNull("predecessor_node_id");
        data.set("inputs", mapper.valueToTree(run.prompt.inputs()));
        data.put("inputs_truncated", false).put("created_at", run.createdAt);
        if (finished) {
            data.putNull("process_data");
            data.put("process_data_truncated", false);
            data.set("outputs", outputs == null ? mapper.createObjectNode() : mapper.valueToTree(outputs));
            data.put("outputs_truncated", false).put("status", "succeeded").putNull("error");
            data.put("elapsed_time", 0.1).putNull("execution_metadata");
            data.put("finished_at", run.createdAt).putArray("files");
        } else {
            data.putObject("extras");
        }
        data.putNull("iteration_id");
        data.putNull("loop_id");
        if (!finished) {
            data.putNull("agent_strategy");
        }
        return data;
    }

    private ObjectNode agentThought(SimulatedRun run, String thought) {
        ObjectNode node = envelope(run, "agent_thought").put("id", run.thoughtId)
                .put("position", 1)
                .put("thought", thought)
                .put("observation", "")
                .put("tool", "");
        node.putObject("tool_labels");
        node.put("tool_input", "");
        node.putArray("message_files");
        return node;
    }

    private ObjectNode metadata(SimulatedRun run) {
        ObjectNode metadata = mapper.createObjectNode();
        metadata.putNull("annotation_reply");
        metadata.putArray("retriever_resources");
        ObjectNode usage = metadata.putObject("usage");
        int prompt = run.promptTokens();
        int completion = run.chunks.size();
        BigDecimal promptPrice = UNIT_PRICE.multiply(BigDecimal.valueOf(prompt));
        BigDecimal completionPrice = UNIT_PRICE.multiply(BigDecimal.valueOf(completion));
        usage.put("prompt_tokens", prompt)
                .put("prompt_unit_price", UNIT_PRICE.toPlainString())
                .put("prompt_price_unit", "0.001")
                .put("prompt_price", promptPrice.toPlainString())
                .put("completion_tokens", completion)
                .put("completion_unit_price", UNIT_PRICE.toPlainString())
                .put("completion_price_unit", "0.001")
                .put("completion_price", completionPrice.toPlainString())
                .put("total_tokens", prompt + completion)
                .put("total_price", promptPrice.add(completionPrice).toPlainString())
                .put("currency", "USD")
                .put("latency", run.elapsedSeconds())
                .put("time_to_first_token", 0.05)
                .put("time_to_generate", run.elapsedSeconds());
        return metadata;
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
