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
package org.apache.camel.component.dify.api.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a Dify stream, typed by its name (langgenius/dify api/core/app/entities/task_entities.py): one subclass
 * per event Dify defines, and
 * {@link UnknownEvent} for any other name, so nothing the server sends is dropped.
 * <p>
 * Every event keeps the envelope its app family sends ({@code task_id}, {@code conversation_id},
 * {@code message_id}, {@code workflow_run_id}, {@code created_at}; absent ones are null), any field this version
 * does not know ({@link #getAdditionalProperties()}), and the raw JSON text as received ({@link #getRawJson()}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "event", visible = true, defaultImpl = UnknownEvent.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = MessageEvent.class, name = "message"),
        @JsonSubTypes.Type(value = AgentMessageEvent.class, name = "agent_message"),
        @JsonSubTypes.Type(value = AgentThoughtEvent.class, name = "agent_thought"),
        @JsonSubTypes.Type(value = MessageFileEvent.class, name = "message_file"),
        @JsonSubTypes.Type(value = MessageEndEvent.class, name = "message_end"),
        @JsonSubTypes.Type(value = MessageReplaceEvent.class, name = "message_replace"),
        @JsonSubTypes.Type(value = TtsMessageEvent.class, name = "tts_message"),
        @JsonSubTypes.Type(value = TtsMessageEndEvent.class, name = "tts_message_end"),
        @JsonSubTypes.Type(value = ReasoningChunkEvent.class, name = "reasoning_chunk"),
        @JsonSubTypes.Type(value = TextChunkEvent.class, name = "text_chunk"),
        @JsonSubTypes.Type(value = TextReplaceEvent.class, name = "text_replace"),
        @JsonSubTypes.Type(value = WorkflowStartedEvent.class, name = "workflow_started"),
        @JsonSubTypes.Type(value = WorkflowFinishedEvent.class, name = "workflow_finished"),
        @JsonSubTypes.Type(value = WorkflowPausedEvent.class, name = "workflow_paused"),
        @JsonSubTypes.Type(value = NodeStartedEvent.class, name = "node_started"),
        @JsonSubTypes.Type(value = NodeFinishedEvent.class, name = "node_finished"),
        @JsonSubTypes.Type(value = NodeRetryEvent.class, name = "node_retry"),
        @JsonSubTypes.Type(value = IterationStartedEvent.class, name = "iteration_started"),
        @JsonSubTypes.Type(value = IterationNextEvent.class, name = "iteration_next"),
        @JsonSubTypes.Type(value = IterationCompletedEvent.class, name = "iteration_completed"),
        @JsonSubTypes.Type(value = LoopStartedEvent.class, name = "loop_started"),
        @JsonSubTypes.Type(value = LoopNextEvent.class, name = "loop_next"),
        @JsonSubTypes.Type(value = LoopCompletedEvent.class, name = "loop_completed"),
        @JsonSubTypes.Type(value = AgentLogEvent.class, name = "agent_log"),
        @JsonSubTypes.Type(value = HumanInputRequiredEvent.class, name = "human_input_required"),
        @JsonSubTypes.Type(value = HumanInputFormFilledEvent.class, name = "human_input_form_filled"),
        @JsonSubTypes.Type(value = HumanInputFormTimeoutEvent.class, name = "human_input_form_timeout"),
        @JsonSubTypes.Type(value = DatasourceProcessingEvent.class, name = "datasource_processing"),
        @JsonSubTypes.Type(value = DatasourceCompletedEvent.class, name = "datasource_completed"),
        @JsonSubTypes.Type(value = DatasourceErrorEvent.class, name = "datasource_error"),
        @JsonSubTypes.Type(value = ErrorEvent.class, name = "error"),
        @JsonSubTypes.Type(value = PingEvent.class, name = "ping"),
})
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public abstract class DifyStreamEvent {

    private String event;
    private String taskId;
    private String conversationId;
    private String messageId;
    private String workflowRunId;
    private Long createdAt;
    // the frame's bytes are decoded to text only when asked for: most routes never read the raw JSON
    @JsonIgnore
    private transient Supplier<String> rawSource;
    private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

    /**
     * Types a decoded event; data that is not a JSON object becomes an {@link UnknownEvent} with its text.
     *
     * @param name   the event name
     * @param json   the event's JSON object, or {@code null} when its data was not one
     * @param raw    the data text as received, decoded when first asked for
     * @param mapper the mapper that reads the JSON into the event's type
     */
    public static DifyStreamEvent of(String name, ObjectNode json, Supplier<String> raw, ObjectMapper mapper) {
        DifyStreamEvent typed;
        if (json == null) {
            typed = new UnknownEvent();
        } else {
            try {
                typed = mapper.treeToValue(json, DifyStreamEvent.class);
            } catch (Exception e) {
                // a known name with fields of unexpected types: keep it whole rather than lose it
                typed = new UnknownEvent();
                typed.additionalProperties.putAll(mapper.convertValue(json, Map.class));
            }
        }
        typed.event = name;
        typed.rawSource = raw;
        return typed;
    }

    /** The event name, e.g. {@code message} or {@code node_finished}. */
    public String getEvent() {
        return event;
    }

    public String getTaskId() {
        return taskId;
    }

    public String getConversationId() {
        return conversationId;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getWorkflowRunId() {
        return workflowRunId;
    }

    /** The creation time of the message (chat family, completion), in Unix seconds. */
    public Long getCreatedAt() {
        return createdAt;
    }

    /** The {@code data:} text exactly as it arrived. */
    public String getRawJson() {
        // the frame keeps the text once decoded, so every thread that asks gets the same string
        return rawSource == null ? null : rawSource.get();
    }

    @JsonAnyGetter
    public Map<String, Object> getAdditionalProperties() {
        return additionalProperties;
    }

    @JsonAnySetter
    void setAdditionalProperty(String name, Object value) {
        additionalProperties.put(name, value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + getRawJson();
    }
}
