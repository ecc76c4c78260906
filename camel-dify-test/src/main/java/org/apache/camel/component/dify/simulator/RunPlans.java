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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.RunPlans.Emit;
import org.apache.camel.component.dify.simulator.RunPlans.Pause;
import org.apache.camel.component.dify.simulator.RunPlans.Step;

/**
 * What a simulated run publishes, step by step: the event sequence of a Chatbot, Agent or Text Generator message, or
 * of a Workflow or Chatflow run with its nodes, iteration, loop, retry, reasoning, agent log and Human Input pause
 * (langgenius/dify api/core/app/apps/), as a plan the driver plays.
 */
final class RunPlans {

    private final DifySimulator sim;
    private final ObjectMapper mapper;
    private final EventShapes shapes;

    RunPlans(DifySimulator sim, EventShapes shapes) {
        this.sim = sim;
        this.mapper = sim.mapper();
        this.shapes = shapes;
    }

    /** A step of a simulated run. */
    sealed interface Step {
    }

    /** Publish an event; {@code delta} is the answer text it carries, if any. */
    record Emit(ObjectNode event, String delta) implements Step {
    }

    /** Pause at a Human Input node. */
    record Pause(HumanInputForm form) implements Step {
    }

    void emit(List<Step> plan, ObjectNode event) {
        plan.add(new Emit(event, null));
    }

    /** Chatbot, Agent and Text Generator streams. */
    List<Step> messagePlan(SimulatedRun run) {
        List<Step> plan = new ArrayList<>();
        SimulatedApp app = run.app;
        boolean agent = app.mode() == AppMode.AGENT_CHAT;
        if (agent) {
            emit(plan, shapes.agentThought(run, ""));
        }
        boolean fileDeltas = false;
        if (app.assistantFile()) {
            ObjectNode file = shapes.envelope(run, "message_file")
                    .put("id", UUID.randomUUID().toString())
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
            ObjectNode delta = shapes.envelope(run, name).put("id", run.messageId).put("answer", chunk);
            if (!agent) {
                delta.putNull("from_variable_selector");
            }
            plan.add(new Emit(delta, chunk));
            if (app.tts() && index++ % 2 == 1) {
                emit(plan, shapes.envelope(run, "tts_message").put("audio", ttsChunk(chunk)));
            }
        }
        extraEvents(plan, run);
        if (run.replacement != null) {
            emit(plan, shapes.envelope(run, "message_replace")
                    .put("answer", run.replacement)
                    .put("reason", "output_moderation"));
        }
        if (agent) {
            emit(plan, shapes.agentThought(run, run.answer));
        }
        emit(plan, shapes.messageEnd(run));
        if (app.tts()) {
            // TTS may go on after message_end (Dify docs /en/api-reference/guides/streaming)
            emit(plan, shapes.envelope(run, "tts_message").put("audio", ttsChunk("end")));
            emit(plan, shapes.envelope(run, "tts_message_end").put("audio", ""));
        }
        return plan;
    }

    /** Workflow and Chatflow streams: nodes, optional iteration, loop, retry, reasoning, agent log and pause. */
    List<Step> workflowPlan(SimulatedRun run, Fault fault) {
        List<Step> plan = new ArrayList<>();
        SimulatedApp app = run.app;
        boolean chatflow = app.mode() == AppMode.ADVANCED_CHAT;
        emit(plan, EventShapes.withData(shapes.envelope(run, "workflow_started"), shapes.workflowStartedData(run)));
        nodePair(plan, run, "start", "start", "Start", 1, null, null, null);
        int index = 2;
        if (app.iterations() > 0) {
            String iterationNode = "iteration";
            String execution = UUID.randomUUID().toString();
            emit(plan,
                    EventShapes.withData(shapes.envelope(run, "iteration_started"),
                            shapes.groupData(run, execution, iterationNode,
                                    "iteration", "Iteration", null)));
            for (int i = 0; i < app.iterations(); i++) {
                ObjectNode next = shapes.groupData(run, execution, iterationNode, "iteration", "Iteration", i);
                emit(plan, EventShapes.withData(shapes.envelope(run, "iteration_next"), next));
                nodePair(plan, run, "iteration_item_" + i, "code", "Process item " + i, index++,
                        Map.of("result", "item " + i), execution, null);
            }
            ObjectNode completed = shapes.groupData(run, execution, iterationNode, "iteration", "Iteration", null);
            completed.set("outputs", mapper.valueToTree(Map.of("output", List.of("item 0", "item 1"))));
            completed.put("status", "succeeded").put("steps", app.iterations());
            emit(plan, EventShapes.withData(shapes.envelope(run, "iteration_completed"), completed));
        }
        if (app.loops() > 0) {
            String execution = UUID.randomUUID().toString();
            emit(plan,
                    EventShapes.withData(shapes.envelope(run, "loop_started"),
                            shapes.groupData(run, execution, "loop", "loop", "Loop",
                                    null)));
            for (int i = 0; i < app.loops(); i++) {
                ObjectNode next = shapes.groupData(run, execution, "loop", "loop", "Loop", i);
                next.set("pre_loop_output", mapper.valueToTree(Map.of("round", i)));
                emit(plan, EventShapes.withData(shapes.envelope(run, "loop_next"), next));
                nodePair(plan, run, "loop_body_" + i, "code", "Loop body " + i, index++, Map.of("round", i), null,
                        execution);
            }
            ObjectNode completed = shapes.groupData(run, execution, "loop", "loop", "Loop", null);
            completed.put("status", "succeeded").put("steps", app.loops());
            emit(plan, EventShapes.withData(shapes.envelope(run, "loop_completed"), completed));
        }
        int llmIndex = index++;
        emit(plan,
                EventShapes.withData(shapes.envelope(run, "node_started"),
                        shapes.nodeData(run, "llm", "llm", "LLM", llmIndex, null,
                                false)));
        if (app.nodeRetry()) {
            ObjectNode retry = shapes.nodeData(run, "llm", "llm", "LLM", llmIndex, null, true);
            retry.put("status", "retry").put("error", "Request timed out").put("retry_index", 1);
            emit(plan, EventShapes.withData(shapes.envelope(run, "node_retry"), retry));
        }
        if (app.agentLog()) {
            ObjectNode log = mapper.createObjectNode()
                    .put("node_execution_id", EventShapes.nodeExecutionId(run, "llm"))
                    .put("id", UUID.randomUUID().toString())
                    .put("label", "ROUND 1")
                    .putNull("parent_id");
            log.putNull("error");
            log.put("status", "success");
            log.putObject("data").put("thought", "I should answer directly.");
            log.putObject("metadata").put("elapsed_time", 0.05);
            log.put("node_id", "llm");
            emit(plan, EventShapes.withData(shapes.envelope(run, "agent_log"), log));
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
                emit(plan, EventShapes.withData(shapes.envelope(run, "reasoning_chunk"), data));
            }
        }
        int index2 = 0;
        for (String chunk : run.chunks) {
            ObjectNode delta;
            if (chatflow) {
                delta = shapes.envelope(run, "message").put("id", run.messageId).put("answer", chunk);
                delta.putArray("from_variable_selector").add("llm").add("text");
            } else {
                ObjectNode data = mapper.createObjectNode().put("text", chunk);
                data.putArray("from_variable_selector").add("llm").add("text");
                delta = EventShapes.withData(shapes.envelope(run, "text_chunk"), data);
            }
            plan.add(new Emit(delta, chunk));
            if (app.tts() && index2++ % 2 == 1) {
                emit(plan, shapes.envelope(run, "tts_message").put("audio", ttsChunk(chunk)));
            }
        }
        if (fault instanceof Fault.WorkflowFailure failure) {
            ObjectNode failed = shapes.nodeData(run, "llm", "llm", "LLM", llmIndex, null, true);
            failed.put("status", "failed").put("error", failure.error());
            emit(plan, EventShapes.withData(shapes.envelope(run, "node_finished"), failed));
            emit(plan, EventShapes.withData(shapes.envelope(run, "workflow_finished"),
                    shapes.workflowFinishedData(run, "failed", null, failure.error())));
            return plan;
        }
        emit(plan,
                EventShapes.withData(shapes.envelope(run, "node_finished"),
                        shapes.nodeData(run, "llm", "llm", "LLM", llmIndex,
                                Map.of("text", run.answer), true)));
        if (app.humanInput() != null) {
            emit(plan,
                    EventShapes.withData(shapes.envelope(run, "node_started"),
                            shapes.nodeData(run, "human_input", "human-input",
                                    app.humanInput().title(), index++, null, false)));
            plan.add(new Pause(app.humanInput()));
            emit(plan,
                    EventShapes.withData(shapes.envelope(run, "node_finished"),
                            shapes.nodeData(run, "human_input", "human-input",
                                    app.humanInput().title(), index - 1, Map.of(), true)));
        }
        extraEvents(plan, run);
        if (app.tts()) {
            emit(plan, shapes.envelope(run, "tts_message_end").put("audio", ""));
        }
        if (chatflow) {
            nodePair(plan, run, "answer", "answer", "Answer", index, Map.of("answer", run.answer), null, null);
            if (run.replacement != null) {
                emit(plan, shapes.envelope(run, "message_replace")
                        .put("answer", run.replacement)
                        .put("reason", "output_moderation"));
            }
            emit(plan, shapes.messageEnd(run));
            emit(plan, EventShapes.withData(shapes.envelope(run, "workflow_finished"),
                    shapes.workflowFinishedData(run, "succeeded", Map.of("answer", run.answer), null)));
        } else {
            nodePair(plan, run, "end", "end", "End", index, run.outputs, null, null);
            emit(plan, EventShapes.withData(shapes.envelope(run, "workflow_finished"),
                    shapes.workflowFinishedData(run, "succeeded", run.outputs, null)));
        }
        return plan;
    }

    void extraEvents(List<Step> plan, SimulatedRun run) {
        for (Map<String, Object> extra : run.app.extraEvents()) {
            ObjectNode event = shapes.envelope(run, String.valueOf(extra.get("event")));
            extra.forEach((k, v) -> {
                if (!k.equals("event")) {
                    event.set(k, mapper.valueToTree(v));
                }
            });
            emit(plan, event);
        }
    }

    void nodePair(List<Step> plan, SimulatedRun run, String nodeId, String type, String title, int index,
            Map<String, Object> outputs, String iterationId, String loopId) {
        ObjectNode started = shapes.nodeData(run, nodeId, type, title, index, null, false);
        ObjectNode finished = shapes.nodeData(run, nodeId, type, title, index, outputs, true);
        for (ObjectNode data : List.of(started, finished)) {
            if (iterationId != null) {
                data.put("iteration_id", iterationId);
            }
            if (loopId != null) {
                data.put("loop_id", loopId);
            }
        }
        emit(plan, EventShapes.withData(shapes.envelope(run, "node_started"), started));
        emit(plan, EventShapes.withData(shapes.envelope(run, "node_finished"), finished));
    }

    static String ttsChunk(String text) {
        return Base64.getEncoder().encodeToString(("ID3-mp3:" + text).getBytes(StandardCharsets.UTF_8));
    }
}
