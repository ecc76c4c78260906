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
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A workflow run's outcome: {@code data} of a blocking run, or of the {@code workflow_finished} /
 * {@code workflow_paused} event of a stream.
 *
 * @param status {@code succeeded}, {@code partial-succeeded}, {@code failed}, {@code stopped} or {@code paused}
 */
public record WorkflowRunData(String id, String workflowId, String status, Map<String, Object> outputs, String error,
        Double elapsedTime, Long totalTokens, Integer totalSteps, Long createdAt, Long finishedAt,
        Integer exceptionsCount, List<Map<String, Object>> files,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public WorkflowRunData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
