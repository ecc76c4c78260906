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

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.dify.DifyOperation;
import org.apache.camel.component.dify.DifyOperation.Hints;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.Effect;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors.KeyType;

/**
 * What each operation calls and how it reads an exchange: the Dify endpoints (rows of {@link DifyApi}) and the binding.
 * An operation that maps one Dify endpoint as it is has the endpoint's name and {@link ApiBinding}.
 */
public final class OperationTable {

    private static final Row CONSUMER = new Row(null, List.of(), List.of(), new Hints(true, false, true));
    private static final Map<DifyOperation, Row> ROWS = new EnumMap<>(DifyOperation.class);

    static {
        for (DifyOperation operation : DifyOperation.values()) {
            ROWS.put(operation, rowOf(operation));
        }
    }

    private OperationTable() {
    }

    /**
     * One operation's entry.
     *
     * @param binding    how it reads the exchange and writes the result; {@code null} for a consumer-only operation
     * @param apis       the Dify endpoints it maps (several when a header picks one, as for stop)
     * @param composedOf the endpoints it calls in sequence when it composes other operations' endpoints
     * @param hints      what it does to Dify
     */
    record Row(DifyBinding<?> binding, List<DifyApi> apis, List<DifyApi> composedOf, Hints hints) {
    }

    private static Row rowOf(DifyOperation operation) {
        return switch (operation) {
            case chat -> maps(ChatBinding.INSTANCE, DifyApi.chat);
            case completion -> maps(CompletionBinding.INSTANCE, DifyApi.completion);
            case workflowRun -> maps(WorkflowRunBinding.INSTANCE, DifyApi.runWorkflow, DifyApi.runWorkflowById);
            case uploadFile -> maps(UploadFileBinding.INSTANCE, DifyApi.uploadFile);
            case retrieve -> maps(RetrieveBinding.INSTANCE, DifyApi.retrieve);
            case workflowEvents -> maps(WorkflowEventsBinding.INSTANCE, DifyApi.workflowEvents);
            case stop -> maps(StopBinding.INSTANCE, DifyApi.stopChat, DifyApi.stopCompletion, DifyApi.stopWorkflow);
            case submitHumanInputForm -> maps(SubmitHumanInputFormBinding.INSTANCE, DifyApi.submitHumanInputForm);
            case createDocumentByText, createDocumentByFile, updateDocumentByFile, updateDocumentByText ->
                maps(DocumentWriteBinding.INSTANCE, DifyApi.valueOf(operation.name()));
            case runDatasourceNode -> maps(PipelineBindings.RunDatasourceNode.INSTANCE, DifyApi.runDatasourceNode);
            case runPipeline -> maps(PipelineBindings.RunPipeline.INSTANCE, DifyApi.runPipeline);
            case upsertDocument -> composes(UpsertDocumentBinding.INSTANCE, new Hints(false, false, true),
                    DifyApi.getDataset, DifyApi.listMetadata, DifyApi.createMetadata, DifyApi.listDocuments,
                    DifyApi.createDocumentByText, DifyApi.createDocumentByFile, DifyApi.updateDocumentByText,
                    DifyApi.updateDocumentByFile, DifyApi.updateDocumentMetadata, DifyApi.indexingStatus,
                    DifyApi.getDocument);
            case awaitIndexing ->
                composes(AwaitIndexingBinding.INSTANCE, new Hints(true, false, true), DifyApi.indexingStatus);
            case triggerWebhook ->
                composes(TriggerWebhookBinding.INSTANCE, new Hints(false, false, false), DifyApi.listWorkflowLogs);
            case agentKnowledgeQuery -> composes(AgentKnowledgeBindings.Query.INSTANCE, new Hints(true, false, true),
                    DifyApi.createAgentQueryToken, DifyApi.runAgentQuery);
            case runAgentQuery -> maps(AgentKnowledgeBindings.RunQuery.INSTANCE, DifyApi.runAgentQuery);
            case createResearchTask, bulkDeleteAgentDocuments ->
                maps(AgentKnowledgeBindings.IdempotentWrite.INSTANCE, DifyApi.valueOf(operation.name()));
            case externalKnowledge, extension, workflowRuns, events -> CONSUMER;
            // every other operation maps the Dify endpoint of its name as it is
            default -> maps(ApiBinding.INSTANCE, DifyApi.valueOf(operation.name()));
        };
    }

    private static Row maps(DifyBinding<?> binding, DifyApi... apis) {
        List<DifyApi> called = List.of(apis);
        // an operation over several endpoints (stop) is as safe as its least safe endpoint
        return new Row(binding, called, List.of(),
                new Hints(called.stream().allMatch(api -> api.spec().effect() == Effect.READ),
                        called.stream().anyMatch(api -> api.spec().effect() == Effect.DESTRUCTIVE),
                        called.stream().allMatch(api -> api.spec().idempotent())));
    }

    private static Row composes(DifyBinding<?> binding, Hints hints, DifyApi... composedOf) {
        return new Row(binding, List.of(), List.of(composedOf), hints);
    }

    /** How the operation reads its exchange and writes its result. */
    public static DifyBinding<?> binding(DifyOperation operation) {
        DifyBinding<?> binding = ROWS.get(operation).binding();
        if (binding == null) {
            throw new IllegalArgumentException("dify:" + operation + " is a consumer endpoint: use it in from(...), and"
                    + " a producer operation such as dify:chat in to(...)");
        }
        return binding;
    }

    /** The Dify endpoints the operation maps (none for a consumer-only operation or one that composes others). */
    public static List<DifyApi> apis(DifyOperation operation) {
        return ROWS.get(operation).apis();
    }

    /** The one Dify endpoint of an operation that maps one. */
    public static DifyApi api(DifyOperation operation) {
        List<DifyApi> apis = apis(operation);
        if (apis.size() != 1) {
            throw new IllegalStateException(operation + " calls " + apis.size() + " Dify endpoints");
        }
        return apis.get(0);
    }

    /**
     * The endpoints an operation calls in sequence (upsertDocument, awaitIndexing, triggerWebhook), each mapped one to
     * one by another operation; empty for an operation that maps its own endpoints ({@link #apis}).
     */
    public static List<DifyApi> composedOf(DifyOperation operation) {
        return ROWS.get(operation).composedOf();
    }

    /** What the operation does to Dify. */
    public static Hints hints(DifyOperation operation) {
        return ROWS.get(operation).hints();
    }

    /** Whether the operation is only a consumer: events, workflowRuns, externalKnowledge, extension. */
    public static boolean consumerOnly(DifyOperation operation) {
        return ROWS.get(operation).binding() == null;
    }

    /** Whether the operation's Dify endpoints answer with Server-Sent Events (then responseMode applies). */
    public static boolean answersWithEvents(DifyOperation operation) {
        return apis(operation).stream().anyMatch(api -> api.spec().stream() != null);
    }

    /**
     * Whether an endpoint of this operation calls Dify (and so needs the HTTP client): all but the consumers that only
     * listen to producers (events) or that Dify calls (externalKnowledge, extension).
     */
    public static boolean callsDify(DifyOperation operation) {
        return !consumerOnly(operation) || operation == DifyOperation.workflowRuns;
    }

    /** Whether the operation calls Dify's Knowledge API (with a knowledge key). */
    public static boolean usesKnowledgeKey(DifyOperation operation) {
        Row row = ROWS.get(operation);
        List<DifyApi> called = row.apis().isEmpty() ? row.composedOf() : row.apis();
        return !called.isEmpty() && called.get(0).spec().keyType() == KeyType.DATASET;
    }
}
