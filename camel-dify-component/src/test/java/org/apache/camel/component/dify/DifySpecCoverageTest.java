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
package org.apache.camel.component.dify;

import java.io.InputStream;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.internal.binding.OperationTable;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of Dify's published Service API spec (openapi_service.json) has a {@code dify:} operation, and every
 * endpoint the operations declare exists in the spec (so a typo in a path cannot hide).
 */
class DifySpecCoverageTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everySpecOperationHasAComponentOperation() throws Exception {
        Map<String, String> spec = specOperations();
        Map<String, String> declared = declaredEndpoints();

        // the Agent Knowledge Base API is newer than the spec snapshot: its endpoints are checked against Dify's routes
        Map<String, String> agentKnowledge = new TreeMap<>(declared);
        agentKnowledge.keySet().removeIf(endpoint -> !endpoint.contains(" /knowledge-fs/"));
        declared.keySet().removeAll(agentKnowledge.keySet());

        assertThat(spec).hasSize(82);
        assertThat(new TreeSet<>(declared.keySet())).as("endpoints of the spec without a dify: operation")
                .containsAll(spec.keySet());
        assertThat(spec.keySet()).as("endpoints the dify: operations declare that the spec does not have")
                .containsAll(declared.keySet());
        assertThat(agentKnowledgeRoutes()).as("Agent Knowledge Base endpoints declared that Dify does not route")
                .containsAll(agentKnowledge.keySet());
    }

    /** Dify's Agent Knowledge Base routes, {@code METHOD /path/{}}. */
    private static Set<String> agentKnowledgeRoutes() throws Exception {
        try (InputStream in = DifySpecCoverageTest.class
                .getResourceAsStream("/dify-openapi/agent-knowledge-routes.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void everyProducerOperationDeclaresItsEndpointsAndEveryRowOfTheTableHasOneOperation() {
        Map<DifyApi, String> owners = new EnumMap<>(DifyApi.class);
        for (DifyOperation operation : DifyOperation.values()) {
            if (!OperationTable.composedOf(operation).isEmpty()) {
                assertThat(OperationTable.apis(operation)).as("%s composes other operations' endpoints", operation)
                        .isEmpty();
            } else if (!operation.consumerOnly()) {
                assertThat(OperationTable.apis(operation)).as(operation.name()).isNotEmpty();
                OperationTable.apis(operation)
                        .forEach(api -> assertThat(owners.put(api, operation.name()))
                                .as("%s is also called by another operation", api)
                                .isNull());
            }
        }
        assertThat(owners.keySet()).as("rows of DifyApi no operation calls").containsAll(EnumSet.allOf(DifyApi.class));
    }

    /** {@code METHOD /path/{}} (parameter names dropped: the spec and the code may name them differently) → operationId. */
    private static Map<String, String> specOperations() throws Exception {
        JsonNode paths;
        try (InputStream in = DifySpecCoverageTest.class.getResourceAsStream("/dify-openapi/openapi_service.json")) {
            paths = new ObjectMapper().readTree(in).get("paths");
        }
        Map<String, String> operations = new TreeMap<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                operations.put(normalized(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey()),
                        op.getValue().path("operationId").asText());
            }
        }));
        return operations;
    }

    private static Map<String, String> declaredEndpoints() {
        Map<String, String> endpoints = new TreeMap<>();
        for (DifyOperation operation : DifyOperation.values()) {
            if (!operation.consumerOnly()) {
                OperationTable.apis(operation)
                        .forEach(api -> endpoints.put(normalized(api.spec().toString()), operation.name()));
            }
        }
        return endpoints;
    }

    private static String normalized(String endpoint) {
        return endpoint.replaceAll("\\{[^}]+}", "{}");
    }
}
