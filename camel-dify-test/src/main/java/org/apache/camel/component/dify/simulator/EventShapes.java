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

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of the events a simulated run publishes, key for key in Dify's order (langgenius/dify
 * api/core/app/entities/task_entities.py): the envelope of each app family, workflow and node data, agent thoughts
 * and the usage of {@code message_end}.
 */
final class EventShapes {

    private static final BigDecimal UNIT_PRICE = new BigDecimal("0.000002");

    private final ObjectMapper mapper;

    EventShapes(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The base keys of every frame of the app's family, in Dify's order, then {@code task_id}. */
    ObjectNode envelope(SimulatedRun run, String event) {
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

    static boolean carriesRunId(String event) {
        return event.startsWith("workflow_") || event.startsWith("node_") || event.startsWith("iteration_")
                || event.startsWith("loop_") || event.startsWith("human_input_") || event.equals("agent_log");
    }

    ObjectNode errorFrame(SimulatedRun run, Fault.ErrorEvent error) {
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

    static ObjectNode withData(ObjectNode envelope, ObjectNode data) {
        envelope.set("data", data);
        return envelope;
    }

    ObjectNode workflowStartedData(SimulatedRun run) {
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

    ObjectNode workflowFinishedData(SimulatedRun run, String status, Map<String, Object> outputs,
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

    ObjectNode nodeData(SimulatedRun run, String nodeId, String type, String title, int index,
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

    static String nodeExecutionId(SimulatedRun run, String nodeId) {
        return UUID.nameUUIDFromBytes((run.workflowRunId + nodeId).getBytes()).toString();
    }

    ObjectNode agentThought(SimulatedRun run, String thought) {
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

    ObjectNode metadata(SimulatedRun run) {
        ObjectNode metadata = mapper.createObjectNode();
        metadata.putNull("annotation_reply");
        metadata.putArray("retriever_resources").addAll(run.retrieverResources);
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

    ObjectNode messageEnd(SimulatedRun run) {
        ObjectNode end = envelope(run, "message_end").put("id", run.messageId);
        end.set("metadata", metadata(run));
        end.putNull("files");
        return end;
    }

    ObjectNode groupData(SimulatedRun run, String execution, String nodeId, String type, String title,
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
}
