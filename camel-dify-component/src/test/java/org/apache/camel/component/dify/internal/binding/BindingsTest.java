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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyOperation;
import org.apache.camel.component.dify.api.IngestedDocument;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.RetrieveRecord;
import org.apache.camel.component.dify.api.RetrieveResult;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.api.UploadedFile;
import org.apache.camel.component.dify.api.Usage;
import org.apache.camel.component.dify.api.WorkflowRunData;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.knowledge.KnowledgeBaseFacts;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each binding on its own, with no HTTP: the inputs it refuses before any call (the services lend no client, so a call
 * would fail the test with a NullPointerException, not the expected error), the call it builds, and how it writes a
 * result Dify could have sent into the exchange. The behaviour tests run the same bindings through routes against the
 * simulator.
 */
class BindingsTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final Exchange exchange = new DefaultExchange(camel);
    private final DifyConfiguration configuration = new DifyConfiguration();

    BindingsTest() {
        configuration.setApiKey("app-unit");
    }

    private ExchangeInputs in(DifyOperation operation) {
        return new ExchangeInputs(operation, configuration,
                new EndpointServices(null, id -> null, new KnowledgeBaseFacts(), ConcurrentHashMap.newKeySet()),
                exchange);
    }

    private static void assertRefused(Runnable start, String... named) {
        assertThatThrownBy(start::run).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    for (String name : named) {
                        assertThat(e.getMessage()).contains(name);
                    }
                });
    }

    private static MessageResult answer(String text) {
        return new MessageResult("message", "task-1", "msg-1", null, "conv-1", "chat", text, null, 10L, null, null,
                Map.of());
    }

    @Nested
    class Chat {

        @Test
        void refusesAMissingQueryNamingTheHeader() {
            assertRefused(() -> ChatBinding.INSTANCE.start(in(DifyOperation.chat)), DifyConstants.QUERY);
        }

        @Test
        void writesTheAnswerAndItsIds() {
            ChatBinding.INSTANCE.complete(in(DifyOperation.chat), answer("Hello."));

            assertThat(exchange.getMessage().getBody()).isEqualTo("Hello.");
            assertThat(exchange.getMessage().getHeaders()).containsEntry(DifyConstants.CONVERSATION_ID, "conv-1")
                    .containsEntry(DifyConstants.MESSAGE_ID, "msg-1")
                    .containsEntry(DifyConstants.TASK_ID, "task-1");
        }

        @Test
        void writesTheWholeResultWithFullResponse() {
            configuration.setFullResponse(true);
            MessageResult result = answer("Hello.");

            ChatBinding.INSTANCE.complete(in(DifyOperation.chat), result);

            assertThat(exchange.getMessage().getBody()).isSameAs(result);
        }

        @Test
        void separatesThinkBlocksFromTheAnswer() {
            configuration.setSeparateReasoning(true);

            ChatBinding.INSTANCE.complete(in(DifyOperation.chat), answer("<think>weigh it</think>Yes."));

            assertThat(exchange.getMessage().getBody()).isEqualTo("Yes.");
            assertThat(exchange.getMessage().getHeader(DifyConstants.REASONING)).isEqualTo("weigh it");
        }

        @Test
        void aDetachedRunWritesTheIdsDifyNamed() {
            ChatBinding.INSTANCE.complete(in(DifyOperation.chat),
                    new StreamProgress(2, "", "task-9", "conv-9", "msg-9", null));

            assertThat(exchange.getMessage().getHeaders()).containsEntry(DifyConstants.TASK_ID, "task-9")
                    .containsEntry(DifyConstants.CONVERSATION_ID, "conv-9");
            assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("task_id", "task-9");
        }

        @Test
        void aBlockingBodyWithAStreamedDeliveryIsRefused() {
            configuration.setDelivery(org.apache.camel.component.dify.DifyDelivery.events);
            exchange.getMessage().setBody(Map.of("query", "hi", "response_mode", "blocking"));

            assertRefused(() -> ChatBinding.INSTANCE.start(in(DifyOperation.chat)), "delivery=events",
                    "response_mode=blocking");
        }
    }

    @Nested
    class Completion {

        @Test
        void writesTheGeneratedTextAndTheUsage() {
            MessageResult result = new MessageResult("message", "task-2", "msg-2", null, null, "completion", "Text.",
                    new org.apache.camel.component.dify.api.MessageMetadata(
                            new Usage(3, null, null, null, 4, null, null, null, 7, null, null, null, null, null,
                                    Map.of()),
                            null, null, Map.of()),
                    null, null, null, Map.of());

            CompletionBinding.INSTANCE.complete(in(DifyOperation.completion), result);

            assertThat(exchange.getMessage().getBody()).isEqualTo("Text.");
            assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_TOKENS)).isEqualTo(7L);
        }
    }

    @Nested
    class WorkflowRun {

        @Test
        void writesTheOutputsTheRunIdAndItsStatus() {
            WorkflowRunResult run = new WorkflowRunResult("task-3", "run-3",
                    new WorkflowRunData("run-3", "wf", "succeeded", Map.of("summary", "short"), null, 1.5, 12L, 3,
                            null, null, null, null, Map.of()),
                    Map.of());

            WorkflowRunBinding.INSTANCE.complete(in(DifyOperation.workflowRun), run);

            assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("summary", "short");
            assertThat(exchange.getMessage().getHeaders()).containsEntry(DifyConstants.WORKFLOW_RUN_ID, "run-3")
                    .containsEntry(DifyConstants.WORKFLOW_STATUS, "succeeded")
                    .containsEntry(DifyConstants.TOTAL_TOKENS, 12L);
        }
    }

    @Nested
    class WorkflowEvents {

        @Test
        void refusesAMissingRunIdNamingTheHeaderAndTheOption() {
            assertRefused(() -> WorkflowEventsBinding.INSTANCE.start(in(DifyOperation.workflowEvents)),
                    DifyConstants.WORKFLOW_RUN_ID, "workflowRunId");
        }
    }

    @Nested
    class Stop {

        @Test
        void refusesAMissingTaskIdNamingTheHeader() {
            assertRefused(() -> StopBinding.INSTANCE.start(in(DifyOperation.stop)), DifyConstants.TASK_ID);
        }

        @Test
        void writesDifysAnswer() {
            StopBinding.INSTANCE.complete(in(DifyOperation.stop), Map.of("result", "success"));

            assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("result", "success");
        }
    }

    @Nested
    class UploadFile {

        @Test
        void refusesAFileWithoutAName() {
            exchange.getMessage().setBody(new byte[]{1, 2, 3});

            assertRefused(() -> UploadFileBinding.INSTANCE.start(in(DifyOperation.uploadFile)), Exchange.FILE_NAME);
        }

        @Test
        void writesTheFileIdOrTheWholeRecord() {
            UploadedFile file = new UploadedFile("file-1", "a.txt", 3L, "txt", "text/plain", "u", 1L, null, null, null,
                    null, null, Map.of());

            UploadFileBinding.INSTANCE.complete(in(DifyOperation.uploadFile), file);
            assertThat(exchange.getMessage().getBody()).isEqualTo("file-1");
            assertThat(exchange.getMessage().getHeader(DifyConstants.FILE_ID)).isEqualTo("file-1");

            configuration.setFullResponse(true);
            UploadFileBinding.INSTANCE.complete(in(DifyOperation.uploadFile), file);
            assertThat(exchange.getMessage().getBody()).isSameAs(file);
        }
    }

    @Nested
    class Retrieve {

        @Test
        void refusesAMissingQuery() {
            assertRefused(() -> RetrieveBinding.INSTANCE.start(in(DifyOperation.retrieve)), DifyConstants.QUERY);
        }

        @Test
        void refusesAQueryLongerThanDifyAccepts() {
            exchange.getMessage().setBody("q".repeat(300));
            configuration.setDatasetId("ds-1");

            assertRefused(() -> RetrieveBinding.INSTANCE.start(in(DifyOperation.retrieve)), "300 characters");
        }

        @Test
        void writesTheRecords() {
            RetrieveRecord record = new RetrieveRecord(null, List.of(), 0.9, null, List.of(), null, Map.of());

            RetrieveBinding.INSTANCE.complete(in(DifyOperation.retrieve),
                    new RetrieveResult(Map.of("content", "q"), List.of(record), Map.of()));

            assertThat(exchange.getMessage().getBody(List.class)).containsExactly(record);
        }
    }

    @Nested
    class SubmitHumanInputForm {

        @Test
        void refusesABodyWithoutActionAndInputs() {
            exchange.getMessage().setBody(Map.of("inputs", Map.of()));

            assertRefused(() -> SubmitHumanInputFormBinding.INSTANCE.start(in(DifyOperation.submitHumanInputForm)),
                    "action", "inputs");
        }

        @Test
        void refusesAMissingFormToken() {
            exchange.getMessage().setBody(Map.of("action", "approve", "inputs", Map.of()));

            assertRefused(() -> SubmitHumanInputFormBinding.INSTANCE.start(in(DifyOperation.submitHumanInputForm)),
                    DifyConstants.FORM_TOKEN, "formToken");
        }
    }

    @Nested
    class AwaitIndexing {

        @Test
        void refusesAMissingBatchNamingTheHeader() {
            configuration.setDatasetId("ds-1");

            assertRefused(() -> AwaitIndexingBinding.INSTANCE.start(in(DifyOperation.awaitIndexing)),
                    DifyConstants.BATCH);
        }

        @Test
        void writesTheStatus() {
            AwaitIndexingBinding.INSTANCE.complete(in(DifyOperation.awaitIndexing), "completed");

            assertThat(exchange.getMessage().getHeader(DifyConstants.INDEXING_STATUS)).isEqualTo("completed");
        }
    }

    @Nested
    class DocumentWrite {

        @Test
        void refusesAMissingKnowledgeBase() {
            assertRefused(() -> DocumentWriteBinding.INSTANCE.start(in(DifyOperation.createDocumentByText)),
                    DifyConstants.DATASET_ID, "datasetId");
        }
    }

    @Nested
    class UpsertDocument {

        @Test
        void refusesADocumentWithoutAName() {
            configuration.setDatasetId("ds-1");
            exchange.getMessage().setBody("text");

            assertRefused(() -> UpsertDocumentBinding.INSTANCE.start(in(DifyOperation.upsertDocument)),
                    DifyConstants.DOCUMENT_NAME);
        }

        @Test
        void writesTheIngestedDocument() {
            IngestedDocument document = new IngestedDocument("ds-1", "doc-1", "a.txt", "b-1",
                    IngestedDocument.Action.CREATED, "completed", "abc");

            UpsertDocumentBinding.INSTANCE.complete(in(DifyOperation.upsertDocument), document);

            assertThat(exchange.getMessage().getBody()).isSameAs(document);
            assertThat(exchange.getMessage().getHeader(DifyConstants.DOCUMENT_ID)).isEqualTo("doc-1");
        }
    }

    @Nested
    class TriggerWebhook {

        @Test
        void refusesAMissingWebhookUrlNamingTheOptionAndTheHeader() {
            assertRefused(() -> TriggerWebhookBinding.INSTANCE.start(in(DifyOperation.triggerWebhook)),
                    "webhookUrl", DifyConstants.WEBHOOK_URL);
        }
    }

    @Nested
    class Pipelines {

        @Test
        void aDatasourceRunRefusesAMissingNode() {
            configuration.setDatasetId("ds-1");

            assertRefused(() -> PipelineBindings.RunDatasourceNode.INSTANCE.start(in(DifyOperation.runDatasourceNode)),
                    "node_id");
        }

        @Test
        void aPipelineRunRefusesAnUnknownDatasourceType() {
            configuration.setDatasetId("ds-1");
            exchange.getMessage()
                    .setBody(Map.of("datasource_type", "ftp", "datasource_info_list", List.of(),
                            "start_node_id", "n", "is_published", true));

            assertRefused(() -> PipelineBindings.RunPipeline.INSTANCE.start(in(DifyOperation.runPipeline)), "ftp",
                    "datasource_type");
        }
    }

    @Nested
    class Api {

        @Test
        void putsPathParametersQueryAndUserWhereTheRowSays() {
            exchange.getMessage().setHeader(DifyConstants.DATASET_ID, "ds-7");
            exchange.getMessage().setHeader(DifyConstants.PARAMETERS, Map.of("limit", "5", "keyword", "refund"));

            DifyCall call = ApiBinding.INSTANCE.call(in(DifyOperation.listDocuments));

            assertThat(call.api())
                    .isEqualTo(org.apache.camel.component.dify.internal.protocol.api.DifyApi.listDocuments);
            assertThat(call.path()).containsEntry("dataset_id", "ds-7");
            assertThat(call.query()).containsEntry("limit", List.of("5")).containsEntry("keyword", List.of("refund"));
            assertThat(call.apiKey()).isEqualTo("app-unit");
        }

        @Test
        void refusesAMissingPathParameterNamingTheHeader() {
            assertRefused(() -> ApiBinding.INSTANCE.call(in(DifyOperation.getDocument)), DifyConstants.DATASET_ID);
        }

        @Test
        void writesAPageWithItsCursor() {
            ApiBinding.INSTANCE.complete(in(DifyOperation.listConversations),
                    Map.of("data", List.of(Map.of("id", "c-1")), "has_more", true, "limit", 1));

            assertThat(exchange.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(true);
            assertThat(exchange.getMessage().getHeader(DifyConstants.NEXT_CURSOR)).isEqualTo("c-1");
        }
    }

    @Nested
    class AgentKnowledge {

        @Test
        void aQuestionNeedsTheKnowledgeBaseAndAQuestionAndAKnownDepth() {
            assertRefused(() -> AgentKnowledgeBindings.Query.INSTANCE.start(in(DifyOperation.agentKnowledgeQuery)),
                    DifyConstants.KNOWLEDGE_BASE_ID, "knowledgeBaseId");
            configuration.setKnowledgeBaseId("kb-1");
            assertRefused(() -> AgentKnowledgeBindings.Query.INSTANCE.start(in(DifyOperation.agentKnowledgeQuery)),
                    DifyConstants.QUERY);
            exchange.getMessage().setBody("x".repeat(16_001));
            assertRefused(() -> AgentKnowledgeBindings.Query.INSTANCE.start(in(DifyOperation.agentKnowledgeQuery)),
                    "16000");
            exchange.getMessage().setBody("What changed?");
            configuration.setAgentQueryMode("thorough");
            assertRefused(() -> AgentKnowledgeBindings.Query.INSTANCE.start(in(DifyOperation.agentKnowledgeQuery)),
                    "agentQueryMode", "thorough");
        }

        @Test
        void aTextQuestionBecomesTheQueryWithTheOptionsDepth() {
            configuration.setAgentQueryMode("deep");
            exchange.getMessage().setBody("What changed?");

            assertThat(AgentKnowledgeBindings.question(in(DifyOperation.agentKnowledgeQuery)))
                    .containsEntry("query", "What changed?")
                    .containsEntry("mode", "deep");
        }

        @Test
        void theSecondStepNeedsTheTokensAnswer() {
            exchange.getMessage().setBody(Map.of("token", "t"));

            assertRefused(() -> AgentKnowledgeBindings.RunQuery.INSTANCE.start(in(DifyOperation.runAgentQuery)),
                    "token, trace_id and request");
        }

        @Test
        void aWriteCarriesTheSameGeneratedKeyOnEveryAttemptOfTheExchange() {
            ExchangeInputs in = in(DifyOperation.createResearchTask);
            String first = AgentKnowledgeBindings.idempotencyKey(in);

            assertThat(AgentKnowledgeBindings.idempotencyKey(in(DifyOperation.createResearchTask))).isEqualTo(first);
            exchange.getMessage().setHeader(DifyConstants.IDEMPOTENCY_KEY, "msg-0001-a");
            assertThat(AgentKnowledgeBindings.idempotencyKey(in)).isEqualTo("msg-0001-a");
            exchange.getMessage().setHeader(DifyConstants.IDEMPOTENCY_KEY, "short");
            configuration.setKnowledgeBaseId("kb-1");
            exchange.getMessage().setBody(Map.of("query", "Summarise"));
            assertRefused(() -> AgentKnowledgeBindings.IdempotentWrite.INSTANCE.start(
                    in(DifyOperation.createResearchTask)), DifyConstants.IDEMPOTENCY_KEY, "8 to 255");
        }
    }

    @Test
    void everyProducerOperationHasABindingAndEveryBindingIsTestedHere() {
        List<String> tested = List.of("ChatBinding", "CompletionBinding", "WorkflowRunBinding", "WorkflowEventsBinding",
                "StopBinding", "UploadFileBinding", "RetrieveBinding", "SubmitHumanInputFormBinding",
                "AwaitIndexingBinding", "DocumentWriteBinding", "UpsertDocumentBinding", "TriggerWebhookBinding",
                "RunDatasourceNode", "RunPipeline", "ApiBinding", "Query", "RunQuery", "IdempotentWrite");
        java.util.Set<String> bindings = new java.util.TreeSet<>();
        for (DifyOperation operation : DifyOperation.values()) {
            if (!operation.consumerOnly()) {
                bindings.add(OperationTable.binding(operation).getClass().getSimpleName());
            }
        }
        assertThat(tested).containsExactlyInAnyOrderElementsOf(bindings);
    }
}
