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
package org.apache.camel.component.dify.internal.protocol.api;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.internal.protocol.stream.AgentQueryStreamAggregator;
import org.apache.camel.component.dify.internal.protocol.stream.DatasourceStreamAggregator;
import org.apache.camel.component.dify.internal.protocol.stream.MessageStreamAggregator;
import org.apache.camel.component.dify.internal.protocol.stream.StreamAggregator;
import org.apache.camel.component.dify.internal.protocol.stream.WorkflowStreamAggregator;

/** The kinds of event stream Dify answers with, each folded into its own result. */
public enum StreamFamily {

    /** Chat and Completion apps: {@code message} ... {@code message_end}, folded into a {@link MessageResult}. */
    MESSAGE(MessageResult.class),
    /**
     * Workflow apps, followed runs and knowledge pipelines: {@code workflow_started} ... {@code workflow_finished},
     * folded into a {@link WorkflowRunResult}.
     */
    WORKFLOW(WorkflowRunResult.class),
    /** A pipeline's datasource node: {@code datasource_processing} ... {@code datasource_completed}'s data. */
    DATASOURCE(Object.class),
    /** An Agent Knowledge Base query: {@code answer.delta} ... {@code answer.done}, folded into the done event. */
    AGENT_QUERY(Map.class);

    private final Class<?> resultType;

    StreamFamily(Class<?> resultType) {
        this.resultType = resultType;
    }

    /** What the stream folds into. */
    public Class<?> resultType() {
        return resultType;
    }

    /** A fresh aggregator for one stream of this family. */
    public StreamAggregator<?> aggregator(String operation, ObjectMapper mapper, boolean continueOnPause) {
        return switch (this) {
            case MESSAGE -> new MessageStreamAggregator(operation, mapper);
            case WORKFLOW -> new WorkflowStreamAggregator(operation, mapper).continuingOnPause(continueOnPause);
            case DATASOURCE -> new DatasourceStreamAggregator(operation, mapper);
            case AGENT_QUERY -> new AgentQueryStreamAggregator(operation, mapper);
        };
    }
}
