package org.apache.camel.component.dify.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.component.dify.simulator.DifySimulator.Call;
import org.apache.camel.component.dify.simulator.DifySimulator.Conversation;

/**
 * The generation endpoints: {@code /chat-messages}, {@code /completion-messages}, {@code /workflows/run} and the stop
 * endpoints. Validation order, error codes, response shapes and event sequences follow dify-api.md sections 2-5;
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
            conversation = new Conversation(UUID.randomUUID().toString(), app.id(), user, new ArrayList<>());
            sim.state().conversations.put(conversation.id(), conversation);
        }
        String query = body.get("query").asText();
        conversation.messages().add(query);
        Prompt prompt = new Prompt(query, inputs(body), user, conversation.id(), conversation.messages().size());
        Run run = new Run(app, prompt, app.answerFor(prompt), conversation.id());
        if (streaming) {
            streamMessages(call, app, fault, run);
        } else {
            blockingMessage(call, app, fault, run);
        }
    }

    // ---------------------------------------------------------------- completion

    void completion(Call call, SimulatedApp app, Fault fault) throws IOException {
        ObjectNode body = sim.readJson(call);
        // dify-api.md 10: a non-completion app gets app_unavailable, not not_completion_app
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
        Run run = new Run(app, prompt, app.answerFor(prompt), null);
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
        Run run = new Run(app, prompt, app.answerFor(prompt), null);
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
        String user = text(body, "user");
        if (!workflowStop && (user == null || user.isBlank())) {
            sim.sendError(call.exchange, 400, "invalid_param", "Arg user must be provided.");
            return;
        }
        sim.state().runningTasks.remove(seg[workflowStop ? 2 : 1]);
        sim.sendJson(call.exchange, 200, mapper.createObjectNode().put("result", "success"));
    }

    // ---------------------------------------------------------------- shared checks

    private boolean commonChecks(Call call, SimulatedApp app, ObjectNode body, boolean modeMatches, String code,
                                 String message, String payloadModel) throws IOException {
        String user = text(body, "user");
        if (user == null || user.isBlank()) {
            sim.sendError(call.exchange, 400, "invalid_param", "Arg user must be provided.");
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

    // ---------------------------------------------------------------- message streams and bodies

    private void streamMessages(Call call, SimulatedApp app, Fault fault, Run run) throws IOException {
        EventStream stream = new EventStream(call.exchange, mapper, app, fault);
        stream.open();
        List<ObjectNode> events = new ArrayList<>();
        boolean chatflow = app.mode() == AppMode.ADVANCED_CHAT;
        if (chatflow) {
            stream.ping(); // the workflow relay's immediate first frame
            events.add(withData(envelope(run, "workflow_started"), workflowStartedData(run)));
            events.addAll(nodePair(run, "start", "start", "Start", 1, null));
            events.add(withData(envelope(run, "node_started"), nodeData(run, "llm", "llm", "LLM", 2, null, false)));
        } else if (app.mode() == AppMode.AGENT_CHAT) {
            events.add(agentThought(run, ""));
        }
        String deltaEvent = app.mode() == AppMode.AGENT_CHAT ? "agent_message" : "message";
        for (String chunk : run.chunks) {
            ObjectNode delta = envelope(run, deltaEvent).put("id", run.messageId).put("answer", chunk);
            if (!deltaEvent.equals("agent_message")) {
                if (chatflow) {
                    delta.putArray("from_variable_selector").add("llm").add("text");
                } else {
                    delta.putNull("from_variable_selector");
                }
            }
            events.add(delta);
        }
        boolean failRun = chatflow && fault instanceof Fault.WorkflowFailure;
        if (chatflow) {
            events.add(withData(envelope(run, "node_finished"),
                    nodeData(run, "llm", "llm", "LLM", 2, failRun ? null : Map.of("text", run.answer), true)));
            if (failRun) {
                ((ObjectNode) events.get(events.size() - 1).get("data")).put("status", "failed")
                        .put("error", ((Fault.WorkflowFailure) fault).error());
                events.add(withData(envelope(run, "workflow_finished"),
                        workflowFinishedData(run, "failed", null, ((Fault.WorkflowFailure) fault).error())));
                emit(stream, run, events);
                return;
            }
            events.addAll(nodePair(run, "answer", "answer", "Answer", 3, Map.of("answer", run.answer)));
        } else if (app.mode() == AppMode.AGENT_CHAT) {
            events.add(agentThought(run, run.answer));
        }
        ObjectNode end = envelope(run, "message_end").put("id", run.messageId);
        end.set("metadata", metadata(run));
        end.putNull("files");
        events.add(end);
        if (chatflow) {
            events.add(withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "succeeded", Map.of("answer", run.answer), null)));
        }
        emit(stream, run, events);
    }

    private void blockingMessage(Call call, SimulatedApp app, Fault fault, Run run) throws IOException {
        if (fault instanceof Fault.ErrorEvent error) {
            // blocking requests report generation errors as HTTP errors (dify-api.md 5)
            sim.sendError(call.exchange, error.status(), error.code(), error.message());
            return;
        }
        if (fault instanceof Fault.WorkflowFailure failure) {
            sim.sendError(call.exchange, 500, "internal_server_error", failure.error());
            return;
        }
        ObjectNode response = mapper.createObjectNode().put("event", "message").put("task_id", run.taskId)
                .put("id", run.messageId).put("message_id", run.messageId);
        if (run.conversationId != null) {
            response.put("conversation_id", run.conversationId);
        }
        response.put("mode", app.mode().wireName()).put("answer", run.answer);
        response.set("metadata", metadata(run));
        response.put("created_at", run.createdAt);
        sim.sendJson(call.exchange, 200, response);
    }

    // ---------------------------------------------------------------- workflow streams and bodies

    private void streamWorkflow(Call call, SimulatedApp app, Fault fault, Run run) throws IOException {
        EventStream stream = new EventStream(call.exchange, mapper, app, fault);
        stream.open();
        stream.ping();
        List<ObjectNode> events = new ArrayList<>();
        events.add(withData(envelope(run, "workflow_started"), workflowStartedData(run)));
        events.addAll(nodePair(run, "start", "start", "Start", 1, null));
        events.add(withData(envelope(run, "node_started"), nodeData(run, "llm", "llm", "LLM", 2, null, false)));
        for (String chunk : run.chunks) {
            ObjectNode data = mapper.createObjectNode().put("text", chunk);
            data.putArray("from_variable_selector").add("llm").add("text");
            events.add(withData(envelope(run, "text_chunk"), data));
        }
        if (fault instanceof Fault.WorkflowFailure failure) {
            ObjectNode failed = nodeData(run, "llm", "llm", "LLM", 2, null, true);
            failed.put("status", "failed").put("error", failure.error());
            events.add(withData(envelope(run, "node_finished"), failed));
            events.add(withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "failed", null, failure.error())));
        } else {
            events.add(withData(envelope(run, "node_finished"),
                    nodeData(run, "llm", "llm", "LLM", 2, Map.of("text", run.answer), true)));
            events.addAll(nodePair(run, "end", "end", "End", 3, run.outputs));
            events.add(withData(envelope(run, "workflow_finished"),
                    workflowFinishedData(run, "succeeded", run.outputs, null)));
        }
        emit(stream, run, events);
    }

    private void blockingWorkflow(Call call, Fault fault, Run run) throws IOException {
        if (fault instanceof Fault.ErrorEvent error) {
            sim.sendError(call.exchange, error.status(), error.code(), error.message());
            return;
        }
        boolean failed = fault instanceof Fault.WorkflowFailure;
        ObjectNode data = mapper.createObjectNode().put("id", run.workflowRunId)
                .put("workflow_id", run.app.workflowId()).put("status", failed ? "failed" : "succeeded");
        if (failed) {
            data.putNull("outputs");
            data.put("error", ((Fault.WorkflowFailure) fault).error());
        } else {
            data.set("outputs", mapper.valueToTree(run.outputs));
            data.putNull("error");
        }
        data.put("elapsed_time", run.elapsedSeconds()).put("total_tokens", run.totalTokens()).put("total_steps", 3)
                .put("created_at", run.createdAt).put("finished_at", run.createdAt + 1);
        ObjectNode response = mapper.createObjectNode().put("task_id", run.taskId)
                .put("workflow_run_id", run.workflowRunId);
        response.set("data", data);
        sim.sendJson(call.exchange, 200, response);
    }

    /** dify-api.md 4.7: the worker publishes workflow_started + a failed workflow_finished when a run cannot start. */
    private void syntheticFailure(Call call, SimulatedApp app, Fault fault, String error) throws IOException {
        EventStream stream = new EventStream(call.exchange, mapper, app, fault);
        stream.open();
        stream.ping();
        String runId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis() / 1000;
        ObjectNode started = mapper.createObjectNode().put("event", "workflow_started").put("task_id", runId)
                .put("workflow_run_id", runId);
        started.putObject("data").put("id", runId).put("workflow_id", app.workflowId()).put("created_at", now)
                .put("reason", "initial").putObject("inputs");
        ObjectNode finished = mapper.createObjectNode().put("event", "workflow_finished").put("task_id", runId)
                .put("workflow_run_id", runId);
        ObjectNode data = finished.putObject("data").put("id", runId).put("workflow_id", app.workflowId())
                .put("status", "failed");
        data.putNull("outputs");
        data.put("error", error).put("elapsed_time", 0.0).put("total_tokens", 0).put("total_steps", 0);
        data.putObject("created_by");
        data.put("created_at", now).put("finished_at", now).put("exceptions_count", 1).putArray("files");
        stream.send(started);
        stream.send(finished);
    }

    /** Sends the events, honouring a scripted in-stream error or early end. */
    private void emit(EventStream stream, Run run, List<ObjectNode> events) throws IOException {
        try {
            for (ObjectNode event : events) {
                if (stream.errorDue()) {
                    Fault.ErrorEvent error = (Fault.ErrorEvent) stream.fault();
                    stream.sendUnchecked(errorFrame(run, error));
                    return;
                }
                stream.send(event);
            }
        } catch (EventStream.Ended ended) {
            // the scripted fault ended the stream without its terminal event
        }
    }

    // ---------------------------------------------------------------- event shapes (dify-api.md 4.3, 4.4)

    /** The base keys of every frame of the app's family, in Dify's order, then {@code task_id}. */
    private ObjectNode envelope(Run run, String event) {
        ObjectNode node = mapper.createObjectNode().put("event", event);
        switch (run.app.mode()) {
            case WORKFLOW -> node.put("workflow_run_id", run.workflowRunId);
            case COMPLETION -> node.put("message_id", run.messageId).put("created_at", run.createdAt);
            default -> node.put("conversation_id", run.conversationId).put("message_id", run.messageId)
                    .put("created_at", run.createdAt);
        }
        node.put("task_id", run.taskId);
        if (run.app.mode() == AppMode.ADVANCED_CHAT && isWorkflowEvent(event)) {
            node.put("workflow_run_id", run.workflowRunId);
        }
        return node;
    }

    private static boolean isWorkflowEvent(String event) {
        return event.startsWith("workflow_") || event.startsWith("node_") || event.startsWith("iteration_")
               || event.startsWith("loop_");
    }

    private ObjectNode errorFrame(Run run, Fault.ErrorEvent error) {
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

    private ObjectNode workflowStartedData(Run run) {
        ObjectNode data = mapper.createObjectNode().put("id", run.workflowRunId)
                .put("workflow_id", run.app.workflowId());
        ObjectNode inputs = mapper.valueToTree(run.prompt.inputs());
        inputs.put("sys.user_id", run.prompt.user()).put("sys.app_id", run.app.id())
                .put("sys.workflow_id", run.app.workflowId()).put("sys.workflow_run_id", run.workflowRunId);
        if (run.app.mode() == AppMode.ADVANCED_CHAT) {
            inputs.put("sys.query", run.prompt.query()).put("sys.conversation_id", run.conversationId);
        }
        data.set("inputs", inputs);
        return data.put("created_at", run.createdAt).put("reason", "initial");
    }

    private ObjectNode workflowFinishedData(Run run, String status, Map<String, Object> outputs, String error) {
        ObjectNode data = mapper.createObjectNode().put("id", run.workflowRunId)
                .put("workflow_id", run.app.workflowId()).put("status", status);
        data.set("outputs", outputs == null ? mapper.nullNode() : mapper.valueToTree(outputs));
        data.put("error", error).put("elapsed_time", run.elapsedSeconds()).put("total_tokens", run.totalTokens())
                .put("total_steps", 3);
        data.putObject("created_by").put("id", UUID.nameUUIDFromBytes(run.prompt.user().getBytes()).toString())
                .put("user", run.prompt.user());
        data.put("created_at", run.createdAt).put("finished_at", run.createdAt + 1)
                .put("exceptions_count", error == null ? 0 : 1).putArray("files");
        return data;
    }

    private List<ObjectNode> nodePair(Run run, String nodeId, String type, String title, int index,
                                      Map<String, Object> outputs) {
        return List.of(withData(envelope(run, "node_started"), nodeData(run, nodeId, type, title, index, null, false)),
                withData(envelope(run, "node_finished"), nodeData(run, nodeId, type, title, index, outputs, true)));
    }

    private ObjectNode nodeData(Run run, String nodeId, String type, String title, int index,
                                Map<String, Object> outputs, boolean finished) {
        ObjectNode data = mapper.createObjectNode()
                .put("id", UUID.nameUUIDFromBytes((run.workflowRunId + nodeId).getBytes()).toString())
                .put("node_id", nodeId).put("node_type", type).put("title", title).put("index", index);
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

    private ObjectNode agentThought(Run run, String thought) {
        ObjectNode node = envelope(run, "agent_thought").put("id", run.thoughtId).put("position", 1)
                .put("thought", thought).put("observation", "").put("tool", "");
        node.putObject("tool_labels");
        node.put("tool_input", "");
        node.putArray("message_files");
        return node;
    }

    private ObjectNode metadata(Run run) {
        ObjectNode metadata = mapper.createObjectNode();
        metadata.putNull("annotation_reply");
        metadata.putArray("retriever_resources");
        ObjectNode usage = metadata.putObject("usage");
        int prompt = run.promptTokens();
        int completion = run.chunks.size();
        BigDecimal promptPrice = UNIT_PRICE.multiply(BigDecimal.valueOf(prompt));
        BigDecimal completionPrice = UNIT_PRICE.multiply(BigDecimal.valueOf(completion));
        usage.put("prompt_tokens", prompt).put("prompt_unit_price", UNIT_PRICE.toPlainString())
                .put("prompt_price_unit", "0.001").put("prompt_price", promptPrice.toPlainString())
                .put("completion_tokens", completion).put("completion_unit_price", UNIT_PRICE.toPlainString())
                .put("completion_price_unit", "0.001").put("completion_price", completionPrice.toPlainString())
                .put("total_tokens", prompt + completion)
                .put("total_price", promptPrice.add(completionPrice).toPlainString()).put("currency", "USD")
                .put("latency", run.elapsedSeconds()).put("time_to_first_token", 0.05)
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

    /** The ids and content of one generation. */
    private static final class Run {
        final SimulatedApp app;
        final Prompt prompt;
        final String answer;
        final List<String> chunks;
        final Map<String, Object> outputs;
        final String conversationId;
        final String taskId = UUID.randomUUID().toString();
        final String messageId = UUID.randomUUID().toString();
        final String workflowRunId = UUID.randomUUID().toString();
        final String thoughtId = UUID.randomUUID().toString();
        final long createdAt = System.currentTimeMillis() / 1000;

        Run(SimulatedApp app, Prompt prompt, String answer, String conversationId) {
            this.app = app;
            this.prompt = prompt;
            this.answer = answer;
            this.chunks = app.chunks(answer);
            this.outputs = app.outputsFor(prompt, answer);
            this.conversationId = conversationId;
        }

        int promptTokens() {
            return 8 + SimulatedApp.words(prompt.query()).size() + prompt.inputs().size();
        }

        int totalTokens() {
            return promptTokens() + chunks.size();
        }

        double elapsedSeconds() {
            return BigDecimal.valueOf(0.2 + chunks.size() * 0.01).setScale(3, RoundingMode.HALF_UP).doubleValue();
        }
    }
}
