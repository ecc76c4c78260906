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
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/** The data of {@code node_started}, {@code node_finished} and {@code node_retry}; finish-only fields are null on start. Unknown fields are kept in {@code additionalProperties}. */
public record NodeData(String id,
        String nodeId,
        String nodeType,
        String title,
        Integer index,
        String predecessorNodeId,
        Map<String, Object> inputs,
        Boolean inputsTruncated,
        Map<String, Object> processData,
        Boolean processDataTruncated,
        Map<String, Object> outputs,
        Boolean outputsTruncated,
        String status,
        String error,
        Double elapsedTime,
        Map<String, Object> executionMetadata,
        Long createdAt,
        Long finishedAt,
        List<Map<String, Object>> files,
        Map<String, Object> extras,
        String iterationId,
        String loopId,
        Map<String, Object> agentStrategy,
        Integer retryIndex,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public NodeData {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
