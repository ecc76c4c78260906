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
package org.apache.camel.component.dify.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * The result of a chat or completion call: the blocking response body as Dify sends it, or the same fields
 * assembled from a stream (answer deltas joined, {@code message_replace} applied, {@code message_end} metadata).
 *
 * @param event          {@code message}, or {@code workflow_paused} for a Chatflow paused at a Human Input node
 * @param mode           the app mode ({@code chat}, {@code agent-chat}, {@code advanced-chat}, {@code completion}); as
 *                       Dify sends it in a blocking answer, or as the stream's envelope shows it
 * @param workflowRunId  Chatflow runs only
 * @param workflowStatus Chatflow runs only: the run's final status (e.g. {@code succeeded}, {@code paused})
 */
public record MessageResult(String event, String taskId, String id, String messageId, String conversationId,
        String mode, String answer, MessageMetadata metadata, Long createdAt, String workflowRunId,
        String workflowStatus,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public MessageResult {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }

    /** Token usage and price, or {@code null} when Dify sent none. */
    public Usage usage() {
        return metadata == null ? null : metadata.usage();
    }
}
