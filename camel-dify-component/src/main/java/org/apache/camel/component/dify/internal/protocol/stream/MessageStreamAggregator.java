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
package org.apache.camel.component.dify.internal.protocol.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.MessageMetadata;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * Aggregates chat and completion streams (Chatbot, Agent, New Agent, Chatflow, Text Generator) into a
 * {@link MessageResult}.
 * <ul>
 * <li>{@code message}, {@code agent_message} and answer-bearing {@code message_file} frames are text deltas
 * (langgenius/dify api/core/app/task_pipeline/message_cycle_manager.py: once a message has an assistant file, deltas
 * are named {@code message_file});</li>
 * <li>{@code message_replace} replaces the answer so far;</li>
 * <li>after {@code agent_message} deltas, a {@code message} event is New Agent's closing full answer;</li>
 * <li>terminal: {@code message_end}, or for a Chatflow {@code workflow_finished} / {@code workflow_paused}. A stream is
 * a Chatflow's when it began with {@code workflow_started}, or when it shows a workflow otherwise (an event carries a
 * {@code workflow_run_id}, or node, iteration or loop events appear): Dify's Redis streams transport can drop
 * {@code workflow_started} (langgenius/dify #40948), which must not end a Chatflow answer at {@code message_end}.
 * For a Chatflow
 * {@code workflow_finished} / {@code workflow_paused} (Dify sends {@code message_end} before it, and its relay closes
 * the stream right after it: langgenius/dify {@code api/core/app/apps/advanced_chat/generate_task_pipeline.py});
 * nothing after the terminal event changes the result;</li>
 * <li>speech ({@code tts_message}) may go on after {@code message_end} until {@code tts_message_end}: a reader of
 * every event gets that tail, the aggregated result does not wait for it.</li>
 * </ul>
 */
public final class MessageStreamAggregator extends StreamAggregator<MessageResult> {

    private MessageMetadata metadata;
    private boolean messageEnded;
    private boolean agentDeltas;
    private boolean agentThoughts;
    private Long createdAt;
    private String lastEvent = "message";
    private boolean speaking;
    private boolean workflowEvents;

    public MessageStreamAggregator(String operation, ObjectMapper mapper) {
        super(operation, mapper);
    }

    @Override
    protected void onOtherEvent(DifyEvent event) {
        if (event.has("created_at") && createdAt == null && event.json().get("created_at").canConvertToLong()) {
            createdAt = event.json().get("created_at").asLong();
        }
        String name = event.name();
        if (name.startsWith("node_") || name.startsWith("iteration_") || name.startsWith("loop_")) {
            workflowEvents = true;
        }
        switch (name) {
            case "message" -> {
                messageId = firstNonNull(event.text("id"), messageId);
                String text = event.text("answer");
                if (agentDeltas) {
                    answer.setLength(0); // New Agent: the closing message is the whole answer
                }
                appendAnswer(text);
            }
            case "agent_message" -> {
                agentDeltas = true;
                appendAnswer(event.text("answer"));
            }
            case "message_file" -> {
                if (event.has("answer") && event.text("url") == null) {
                    appendAnswer(event.text("answer"));
                }
            }
            case "message_replace" -> {
                answer.setLength(0);
                appendAnswer(event.text("answer"));
            }
            case "message_end" -> {
                messageEnded = true;
                messageId = firstNonNull(event.text("id"), messageId);
                JsonNode meta = event.json() == null ? null : event.json().get("metadata");
                if (meta != null && meta.isObject()) {
                    metadata = mapper.convertValue(meta, MessageMetadata.class);
                }
            }
            case "agent_thought" -> agentThoughts = true;
            case "workflow_paused" -> lastEvent = "workflow_paused";
            case "tts_message" -> speaking = true;
            case "tts_message_end" -> speaking = false;
            default -> {
                // node, iteration, tts and other progress events add nothing to the aggregated answer
            }
        }
    }

    @Override
    protected void afterTerminal(DifyEvent event) {
        if ("tts_message_end".equals(event.name())) {
            speaking = false;
        }
    }

    @Override
    protected boolean trailingOpen() {
        // a Chatflow's relay closes at workflow_finished, so its speech never has a tail (langgenius/dify
        // api/core/app/apps/streaming_utils.py)
        return speaking && !isChatflow();
    }

    // a Chatflow's stream, even when Dify dropped its workflow_started
    private boolean isChatflow() {
        return workflowStarted || workflowEvents || workflowRunId != null;
    }

    @Override
    protected boolean terminated() {
        return isChatflow() ? workflowEnded : messageEnded;
    }

    // a blocking answer names the app's mode; a stream shows it by its envelope (langgenius/dify
    // api/core/app/apps/*/generate_response_converter.py: only chat-family streams carry conversation_id, an Agent
    // streams agent_message / agent_thought, a Chatflow starts with workflow_started)
    private String appMode() {
        if (isChatflow()) {
            return "advanced-chat";
        }
        if (agentDeltas || agentThoughts) {
            return "agent-chat";
        }
        return conversationId != null ? "chat" : "completion";
    }

    @Override
    protected MessageResult result() {
        return new MessageResult(lastEvent, taskId, messageId, messageId, conversationId, appMode(), answerText(),
                metadata, createdAt, workflowRunId, workflowData == null ? null : workflowData.status(), null);
    }

    // an Answer node inside an iteration may send no message deltas, only message_end (langgenius/dify #38867): the
    // answer is then the run's own output
    private String answerText() {
        if (!answer.isEmpty() || workflowData == null || workflowData.outputs() == null) {
            return answer.toString();
        }
        Object output = workflowData.outputs().get("answer");
        if (output == null && workflowData.outputs().size() == 1) {
            output = workflowData.outputs().values().iterator().next();
        }
        return output instanceof String text ? text : answer.toString();
    }
}
