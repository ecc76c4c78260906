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
package org.apache.camel.component.dify.internal.binding;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.internal.protocol.api.DifyApi;

/**
 * The knowledge pipeline runs (dataset key): {@code runDatasourceNode} and {@code runPipeline}. The upload and the
 * datasource listing are plain {@link ApiCall}s.
 * <p>
 * Body in: a Map with Dify's request fields ({@code datasource_type}, {@code datasource_info_list},
 * {@code start_node_id}, {@code credential_id}, ...). {@code inputs} merge as for workflowRun (option inputs, the
 * body's, the header CamelDifyInputs); {@code is_published} defaults to {@code true} (run the published pipeline).
 * The knowledge base comes from CamelDifyDatasetId / datasetId, the node of runDatasourceNode from the entry
 * {@code node_id} of CamelDifyParameters.
 */
final class PipelineBindings {

    private static final Set<String> DATASOURCE_TYPES = Set.of("local_file", "online_document", "website_crawl",
            "online_drive");

    private PipelineBindings() {
    }

    /**
     * {@code runDatasourceNode}: body out is what the node read (the data of {@code datasource_completed}), or with
     * {@code streamMode=events} the events ({@code datasource_processing}, ...). {@code datasource_error} fails the
     * exchange with the code {@code datasource_error}.
     */
    public static final class RunDatasourceNode extends StreamedBinding {

        /** The one instance: a binding holds no state. */
        public static final RunDatasourceNode INSTANCE = new RunDatasourceNode();

        private RunDatasourceNode() {
        }

        @Override
        public CompletableFuture<Object> start(ExchangeInputs in) {
            String datasetId = in.requiredParameter("dataset_id");
            String nodeId = in.requiredParameter("node_id");
            Map<String, Object> request = request(in);
            return in.stream(in.call(DifyApi.runDatasourceNode)
                    .path("dataset_id", datasetId)
                    .path("node_id", nodeId)
                    .json(request), null);
        }
    }

    /**
     * {@code runPipeline}: body out as for workflowRun (the run's outputs, the WorkflowRunResult with
     * {@code fullResponse}, or the events with {@code streamMode=events}); {@code response_mode} comes from the body
     * or the option responseMode. A failed run fails the exchange.
     */
    public static final class RunPipeline extends StreamedBinding {

        /** The one instance: a binding holds no state. */
        public static final RunPipeline INSTANCE = new RunPipeline();

        private RunPipeline() {
        }

        @Override
        public CompletableFuture<Object> start(ExchangeInputs in) {
            String datasetId = in.requiredParameter("dataset_id");
            Map<String, Object> request = request(in);
            require(in, request, "start_node_id", "the id of a datasource node, from listDatasourcePlugins");
            if (!(request.get("datasource_info_list") instanceof List<?>)) {
                throw in.invalid("the body's datasource_info_list must be a list of the datasources to process"
                        + " (for local_file: {reference: <id from uploadPipelineFile>})");
            }
            String responseMode = in.responseMode((String) request.get("response_mode"));
            request.put("response_mode", responseMode);
            return in.stream(in.call(DifyApi.runPipeline).path("dataset_id", datasetId).json(request), responseMode);
        }
    }

    /** The body's request fields with the merged inputs and the defaults; checks datasource_type. */
    private static Map<String, Object> request(ExchangeInputs in) {
        Map<String, Object> body = in.requestFields();
        Map<String, Object> request = new LinkedHashMap<>(body);
        request.put("inputs", in.inputs(body.get("inputs")));
        request.putIfAbsent("is_published", true);
        require(in, request, "datasource_type", "one of " + DATASOURCE_TYPES);
        if (!DATASOURCE_TYPES.contains(String.valueOf(request.get("datasource_type")))) {
            throw in.invalid("the body's datasource_type must be one of " + DATASOURCE_TYPES + ", not "
                    + request.get("datasource_type"));
        }
        return request;
    }

    private static void require(ExchangeInputs in, Map<String, Object> request, String field, String what) {
        Object value = request.get(field);
        if (value == null || value.toString().isBlank()) {
            throw in.invalid("the body has no " + field + ": set it to " + what);
        }
    }
}
