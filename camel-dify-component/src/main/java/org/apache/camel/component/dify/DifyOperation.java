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

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.component.dify.binding.ApiBinding;
import org.apache.camel.component.dify.binding.AwaitIndexingBinding;
import org.apache.camel.component.dify.binding.ChatBinding;
import org.apache.camel.component.dify.binding.CompletionBinding;
import org.apache.camel.component.dify.binding.DifyBinding;
import org.apache.camel.component.dify.binding.DocumentWriteBinding;
import org.apache.camel.component.dify.binding.PipelineBindings;
import org.apache.camel.component.dify.binding.RetrieveBinding;
import org.apache.camel.component.dify.binding.StopBinding;
import org.apache.camel.component.dify.binding.SubmitHumanInputFormBinding;
import org.apache.camel.component.dify.binding.TriggerWebhookBinding;
import org.apache.camel.component.dify.binding.UploadFileBinding;
import org.apache.camel.component.dify.binding.UpsertDocumentBinding;
import org.apache.camel.component.dify.binding.WorkflowEventsBinding;
import org.apache.camel.component.dify.binding.WorkflowRunBinding;
import org.apache.camel.component.dify.protocol.api.ApiSpec.Effect;
import org.apache.camel.component.dify.protocol.api.DifyApi;
import org.apache.camel.component.dify.protocol.transport.DifyErrors.KeyType;

/**
 * The operations of the {@code dify:} component. Each names the Dify endpoints it calls (rows of {@link DifyApi}: how
 * they are called) and its binding (how it reads an exchange and writes the result back).
 */
public enum DifyOperation {

    /** {@code POST /chat-messages}: Chatbot, Agent, Chatflow and New Agent apps; body out is the answer. */
    chat(ChatBinding.INSTANCE, DifyApi.chat),
    /** {@code POST /completion-messages}: Text Generator apps; body out is the generated text. */
    completion(CompletionBinding.INSTANCE, DifyApi.completion),
    /** {@code POST /workflows/run}: Workflow apps; body out is the outputs map. */
    workflowRun(WorkflowRunBinding.INSTANCE, DifyApi.runWorkflow, DifyApi.runWorkflowById),
    /** {@code POST /files/upload}: body in is the file; body out is its id. */
    uploadFile(UploadFileBinding.INSTANCE, DifyApi.uploadFile),
    /** {@code POST /datasets/{id}/retrieve}: knowledge retrieval; body out is the list of chunks. */
    retrieve(RetrieveBinding.INSTANCE, DifyApi.retrieve),
    /** {@code GET /workflow/{workflow_run_id}/events}: follow a run already going; body out as workflowRun. */
    workflowEvents(WorkflowEventsBinding.INSTANCE, DifyApi.workflowEvents),
    /** Stop a running chat, completion or workflow task (header CamelDifyTaskId). */
    stop(StopBinding.INSTANCE, DifyApi.stopChat, DifyApi.stopCompletion, DifyApi.stopWorkflow),
    /** {@code GET /form/human_input/{form_token}}: the form of a run paused for human input. */
    getHumanInputForm(DifyApi.getHumanInputForm),
    /** {@code POST /form/human_input/{form_token}}: submit the form; the run resumes. */
    submitHumanInputForm(SubmitHumanInputFormBinding.INSTANCE, DifyApi.submitHumanInputForm),
    // ---- the operations that map one Dify endpoint as it is (ApiBinding) ----

    /** {@code GET /info}: the app's name, description, tags, mode and author. */
    getAppInfo(DifyApi.getAppInfo),
    /** {@code GET /meta}: the icons of the tools the app uses. */
    getAppMeta(DifyApi.getAppMeta),
    /** {@code GET /parameters}: the app's input form, features and upload limits, e.g. to render a UI. */
    getAppParameters(DifyApi.getAppParameters),
    /** {@code GET /site}: the app's WebApp settings (title, icon, theme, ...). */
    getAppSite(DifyApi.getAppSite),
    /** {@code GET /conversations}: the user's conversations, one page (parameters last_id, limit, sort_by). */
    listConversations(DifyApi.listConversations),
    /** {@code GET /messages}: a conversation's messages, one page backward (parameters first_id, limit). */
    listMessages(DifyApi.listMessages),
    /** {@code POST /conversations/{conversation_id}/name}: body {@code {name}} or {@code {auto_generate: true}}. */
    renameConversation(DifyApi.renameConversation),
    /** {@code DELETE /conversations/{conversation_id}}. */
    deleteConversation(DifyApi.deleteConversation),
    /** {@code GET /conversations/{conversation_id}/variables}: one page (parameters last_id, limit, variable_name). */
    listConversationVariables(DifyApi.listConversationVariables),
    /** {@code PUT /conversations/{conversation_id}/variables/{variable_id}}: body {@code {value}}. */
    updateConversationVariable(DifyApi.updateConversationVariable),
    /** {@code POST /messages/{message_id}/feedbacks}: body {@code {rating: like|dislike|null, content}}. */
    messageFeedback(DifyApi.messageFeedback),
    /** {@code GET /messages/{message_id}/suggested}: follow-up questions for an answer. */
    suggestedQuestions(DifyApi.suggestedQuestions),
    /** {@code GET /files/{file_id}/preview}: an uploaded file's content, as an InputStream (parameter as_attachment). */
    filePreview(DifyApi.filePreview),
    /** {@code POST /text-to-audio}: body {@code {text}} or {@code {message_id}}; the audio as an InputStream. */
    textToAudio(DifyApi.textToAudio),
    /** {@code POST /audio-to-text}: the audio file in the body (streamed); the body out is {@code {text}}. */
    audioToText(DifyApi.audioToText),
    /** {@code GET /app/feedbacks}: the app's feedbacks (parameters page, limit). */
    listAppFeedbacks(DifyApi.listAppFeedbacks),
    /** {@code GET /end-users/{end_user_id}}: an end user, e.g. the created_by of a file or run. */
    getEndUser(DifyApi.getEndUser),
    /** {@code GET /workflows/run/{workflow_run_id}}: a workflow run's status and outputs. */
    getWorkflowRun(DifyApi.getWorkflowRun),
    /** {@code GET /workflows/logs}: the app's workflow runs, one page (parameters keyword, status, page, limit, ...). */
    listWorkflowLogs(DifyApi.listWorkflowLogs),
    /** {@code POST /apps/annotations}: body {@code {question, answer}}. */
    createAnnotation(DifyApi.createAnnotation),
    /** {@code GET /apps/annotations}: one page (parameters page, limit, keyword). */
    listAnnotations(DifyApi.listAnnotations),
    /** {@code PUT /apps/annotations/{annotation_id}}: body {@code {question, answer}}. */
    updateAnnotation(DifyApi.updateAnnotation),
    /** {@code DELETE /apps/annotations/{annotation_id}}. */
    deleteAnnotation(DifyApi.deleteAnnotation),
    /** {@code POST /apps/annotation-reply/{action}}: enable or disable annotation reply (a job). */
    annotationReply(DifyApi.annotationReply),
    /** {@code GET /apps/annotation-reply/{action}/status/{job_id}}: the job's status. */
    annotationReplyStatus(DifyApi.annotationReplyStatus),

    // ---- Knowledge API (knowledge key) ----

    /** {@code POST /datasets}: an empty knowledge base; body {@code {name, description, indexing_technique, ...}}. */
    createDataset(DifyApi.createDataset),
    /** {@code GET /datasets}: one page (parameters page, limit, keyword, include_all, tag_ids). */
    listDatasets(DifyApi.listDatasets),
    /** {@code GET /datasets/{dataset_id}}. */
    getDataset(DifyApi.getDataset),
    /** {@code PATCH /datasets/{dataset_id}}: only the fields given change. */
    updateDataset(DifyApi.updateDataset),
    /** {@code DELETE /datasets/{dataset_id}}. */
    deleteDataset(DifyApi.deleteDataset),
    /** {@code POST /datasets/{dataset_id}/document/create-by-text}: body {@code {name, text, indexing_technique,
     * process_rule, ...}}; indexing then runs on its own (indexingStatus). */
    createDocumentByText(DocumentWriteBinding.INSTANCE, DifyApi.createDocumentByText),
    /** {@code POST /datasets/{dataset_id}/document/create-by-file}: the file in the body (streamed), settings in the
     * header CamelDifyDocumentSettings. */
    createDocumentByFile(DocumentWriteBinding.INSTANCE, DifyApi.createDocumentByFile),
    /** {@code PATCH /datasets/{dataset_id}/documents/{document_id}}: replaces a document's file (the canonical
     * update by file). */
    updateDocument(DifyApi.updateDocument),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-file} (deprecated by Dify in favour of
     * updateDocument). */
    updateDocumentByFile(DocumentWriteBinding.INSTANCE, DifyApi.updateDocumentByFile),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/download}: a signed URL of the original file. */
    downloadDocument(DifyApi.downloadDocument),
    /** {@code POST /datasets/{dataset_id}/documents/download-zip}: body {@code {document_ids}}; the zip as an
     * InputStream. */
    downloadDocumentsZip(DifyApi.downloadDocumentsZip),
    /** {@code GET /datasets/{dataset_id}/documents}: one page (parameters page, limit, keyword, status). */
    listDocuments(DifyApi.listDocuments),
    /** {@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}: the progress of a batch. */
    indexingStatus(DifyApi.indexingStatus),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}} (parameter metadata: all, only, without). */
    getDocument(DifyApi.getDocument),
    /** {@code DELETE /datasets/{dataset_id}/documents/{document_id}}. */
    deleteDocument(DifyApi.deleteDocument),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-text}: body {@code {name, text, ...}}. */
    updateDocumentByText(DocumentWriteBinding.INSTANCE, DifyApi.updateDocumentByText),
    /** {@code PATCH /datasets/{dataset_id}/documents/status/{action}} (enable, disable, archive, un_archive): body
     * {@code {document_ids}}. */
    updateDocumentStatus(DifyApi.updateDocumentStatus),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/segments}: body {@code {segments: [{content,
     * answer, keywords}]}}. */
    createSegments(DifyApi.createSegments),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/segments}: one page (page, limit, status, keyword). */
    listSegments(DifyApi.listSegments),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}}. */
    getSegment(DifyApi.getSegment),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}} (Dify updates chunks with
     * POST): body {@code {segment: {content, answer, keywords, enabled}}}. */
    updateSegment(DifyApi.updateSegment),
    /** {@code DELETE /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}}. */
    deleteSegment(DifyApi.deleteSegment),
    /** {@code POST .../segments/{segment_id}/child_chunks}: body {@code {content}}. */
    createChildChunk(DifyApi.createChildChunk),
    /** {@code GET .../segments/{segment_id}/child_chunks} (page, limit, keyword). */
    listChildChunks(DifyApi.listChildChunks),
    /** {@code PATCH .../child_chunks/{child_chunk_id}}: body {@code {content}}. */
    updateChildChunk(DifyApi.updateChildChunk),
    /** {@code DELETE .../child_chunks/{child_chunk_id}}. */
    deleteChildChunk(DifyApi.deleteChildChunk),

    /** {@code POST /datasets/tags}: body {@code {name}}. */
    createTag(DifyApi.createTag),
    /** {@code GET /datasets/tags}: the workspace's knowledge tags (a list). */
    listTags(DifyApi.listTags),
    /** {@code PATCH /datasets/tags}: body {@code {tag_id, name}}. */
    updateTag(DifyApi.updateTag),
    /** {@code DELETE /datasets/tags}: body {@code {tag_id}}. */
    deleteTag(DifyApi.deleteTag),
    /** {@code POST /datasets/tags/binding}: body {@code {tag_ids, target_id}} (the knowledge base). */
    bindTags(DifyApi.bindTags),
    /** {@code POST /datasets/tags/unbinding}: body {@code {tag_ids, target_id}}. */
    unbindTags(DifyApi.unbindTags),
    /** {@code GET /datasets/{dataset_id}/tags}: the tags of one knowledge base. */
    listDatasetTags(DifyApi.listDatasetTags),
    /** {@code POST /datasets/{dataset_id}/metadata}: body {@code {type, name}} (type string, number or time). */
    createMetadata(DifyApi.createMetadata),
    /** {@code GET /datasets/{dataset_id}/metadata}: the metadata fields and whether built-in fields are on. */
    listMetadata(DifyApi.listMetadata),
    /** {@code PATCH /datasets/{dataset_id}/metadata/{metadata_id}}: body {@code {name}}. */
    updateMetadata(DifyApi.updateMetadata),
    /** {@code DELETE /datasets/{dataset_id}/metadata/{metadata_id}}. */
    deleteMetadata(DifyApi.deleteMetadata),
    /** {@code GET /datasets/{dataset_id}/metadata/built-in}: the built-in fields. */
    listBuiltInMetadata(DifyApi.listBuiltInMetadata),
    /** {@code POST /datasets/{dataset_id}/metadata/built-in/{action}} (enable, disable). */
    toggleBuiltInMetadata(DifyApi.toggleBuiltInMetadata),
    /** {@code POST /datasets/{dataset_id}/documents/metadata}: body {@code {operation_data: [{document_id,
     * metadata_list: [{id, name, value}]}]}}. */
    updateDocumentMetadata(DifyApi.updateDocumentMetadata),
    /** {@code GET /workspaces/current/models/model-types/{model_type}} (e.g. text-embedding, rerank). */
    listModels(DifyApi.listModels),
    /**
     * {@code POST /datasets/pipeline/file-upload}: body in is the file (streamed); body out is {@code {id, name, ...}},
     * the id being the {@code reference} of a local_file datasource in runPipeline.
     */
    uploadPipelineFile(DifyApi.uploadPipelineFile),
    /** {@code GET /datasets/{dataset_id}/pipeline/datasource-plugins}: the pipeline's datasource nodes (parameter
     * is_published). */
    listDatasourcePlugins(DifyApi.listDatasourcePlugins),
    /** {@code POST /datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run}: runs one datasource node (SSE);
     * body out is what it read. */
    runDatasourceNode(PipelineBindings.RunDatasourceNode.INSTANCE, DifyApi.runDatasourceNode),
    /** {@code POST /datasets/{dataset_id}/pipeline/run}: runs the knowledge pipeline; body out as for workflowRun. */
    runPipeline(PipelineBindings.RunPipeline.INSTANCE, DifyApi.runPipeline),

    /**
     * Writes a document once, however often the same message arrives: created when no document has its name (or, with
     * upsertMatchField, its CamelDifyUpsertMatchValue), updated when the content changed, untouched when it did not;
     * with waitForIndexing, done once indexed. Body in: text or file; body out: the IngestedDocument.
     */
    upsertDocument(UpsertDocumentBinding.INSTANCE, new Hints(false, false, true),
            List.of(DifyApi.getDataset, DifyApi.listMetadata, DifyApi.createMetadata, DifyApi.listDocuments,
                    DifyApi.createDocumentByText, DifyApi.createDocumentByFile, DifyApi.updateDocumentByText,
                    DifyApi.updateDocumentByFile, DifyApi.updateDocumentMetadata, DifyApi.indexingStatus,
                    DifyApi.getDocument)),
    /**
     * Waits until the documents of a batch (header CamelDifyBatch, as the document writes answer it) are indexed, up
     * to indexingTimeout; fails with Dify's indexing error. Body unchanged.
     */
    awaitIndexing(AwaitIndexingBinding.INSTANCE, new Hints(true, false, true), List.of(DifyApi.indexingStatus)),

    /**
     * Starts a workflow through its webhook trigger (Dify 1.10+, no key): body in the payload, body out the webhook's
     * answer; with findTriggeredRun, the run it started in CamelDifyWorkflowRunId.
     */
    triggerWebhook(TriggerWebhookBinding.INSTANCE, new Hints(false, false, false), List.of(DifyApi.listWorkflowLogs)),

    /**
     * Consumer only: {@code from("dify:externalKnowledge")} answers Dify's External Knowledge API
     * ({@code POST <path>/retrieval}) from a route: the query in, the records out.
     */
    externalKnowledge(),

    /**
     * Consumer only: {@code from("dify:extension")} is an API-based extension of Dify: answers ping itself and hands
     * the external data tool and moderation points to the route with typed bodies.
     */
    extension(),

    /**
     * Consumer only: {@code from("dify:workflowRuns")} delivers every finished run of a Workflow app once, from
     * {@code GET /workflows/logs}: also the runs Dify's own triggers (schedule, plugin, webhook) started.
     */
    workflowRuns(),

    /** Consumer only: {@code from("dify:events")} receives the events of the streams this component's producers run. */
    events();

    private final DifyBinding<?> binding;
    private final List<DifyApi> apis;
    private final List<DifyApi> composedOf;
    private final boolean answersWithEvents;
    private final Hints hints;

    /**
     * What an operation does to Dify, for callers that must know before calling it, such as an LLM agent choosing a
     * tool (MCP's tool annotations readOnlyHint, destructiveHint, idempotentHint) or a retry policy. The retry
     * policy reads the same flags from each endpoint's row ({@link DifyApi}).
     *
     * @param readOnly    changes nothing in Dify (reads, retrieval)
     * @param destructive deletes something
     * @param idempotent  sending it twice has the effect of sending it once
     */
    public record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
    }

    // the consumer-only operation: no binding, no Dify endpoint
    DifyOperation() {
        this.binding = null;
        this.apis = List.of();
        this.composedOf = List.of();
        this.answersWithEvents = false;
        this.hints = new Hints(true, false, true);
    }

    // an operation of this component that composes endpoints other operations map one to one
    DifyOperation(DifyBinding<?> binding, Hints hints, List<DifyApi> composedOf) {
        this.binding = binding;
        this.apis = List.of();
        this.composedOf = composedOf;
        this.answersWithEvents = false;
        this.hints = hints;
    }

    DifyOperation(DifyApi api) {
        this(ApiBinding.INSTANCE, api);
    }

    DifyOperation(DifyBinding<?> binding, DifyApi... apis) {
        this.binding = binding;
        this.apis = List.of(apis);
        this.composedOf = List.of();
        this.answersWithEvents = this.apis.stream().anyMatch(api -> api.spec().stream() != null);
        // an operation over several endpoints (stop) is as safe as its least safe endpoint
        this.hints = new Hints(this.apis.stream().allMatch(api -> api.spec().effect() == Effect.READ),
                this.apis.stream().anyMatch(api -> api.spec().effect() == Effect.DESTRUCTIVE),
                this.apis.stream().allMatch(api -> api.spec().idempotent()));
    }

    /** Whether the operation's Dify endpoints answer with Server-Sent Events (then responseMode applies). */
    public boolean answersWithEvents() {
        return answersWithEvents;
    }

    /** How the operation reads its exchange and writes its result. */
    public DifyBinding<?> binding() {
        if (binding == null) {
            throw new IllegalArgumentException("dify:" + name() + " is a consumer endpoint: use it in from(...), and"
                    + " a producer operation such as dify:chat in to(...)");
        }
        return binding;
    }

    /** The Dify endpoints the operation calls (none for the consumer-only {@code events}). */
    public List<DifyApi> apis() {
        return apis;
    }

    /** The one Dify endpoint of an operation that calls one. */
    /**
     * The endpoints an operation of this component calls in sequence (upsertDocument, awaitIndexing), each mapped one
     * to one by another operation; empty for an operation that maps its own endpoints ({@link #apis()}).
     */
    public List<DifyApi> composedOf() {
        return composedOf;
    }

    /** Whether this operation is only a consumer ({@code from("dify:...")}): events, workflowRuns, externalKnowledge. */
    public boolean consumerOnly() {
        return binding == null;
    }

    /**
     * Whether an endpoint of this operation calls Dify (and so needs the HTTP client): all but the consumers that only
     * listen to producers (events) or that Dify calls (externalKnowledge, extension).
     */
    public boolean callsDify() {
        return !consumerOnly() || this == workflowRuns;
    }

    /** Whether the operation reads, writes or deletes, and whether it may be repeated. */
    public Hints hints() {
        return hints;
    }

    /** Whether the operation calls Dify's Knowledge API (with a knowledge key). */
    public boolean usesKnowledgeKey() {
        List<DifyApi> called = apis.isEmpty() ? composedOf : apis;
        return !called.isEmpty() && called.get(0).spec().keyType() == KeyType.DATASET;
    }

    public DifyApi api() {
        if (apis.size() != 1) {
            throw new IllegalStateException(name() + " calls " + apis.size() + " Dify endpoints");
        }
        return apis.get(0);
    }

    /** Looks an operation up by its name, with an error that lists the valid names. */
    public static DifyOperation fromName(String name) {
        for (DifyOperation operation : values()) {
            if (operation.name().equals(name)) {
                return operation;
            }
        }
        String closest = Arrays.stream(values())
                .map(Enum::name)
                .min(java.util.Comparator
                        .comparingInt(candidate -> distance(candidate.toLowerCase(java.util.Locale.ROOT),
                                name.toLowerCase(java.util.Locale.ROOT))))
                .orElse(null);
        throw new IllegalArgumentException("Unknown Dify operation '" + name + "'"
                + (closest != null && distance(closest.toLowerCase(java.util.Locale.ROOT),
                        name.toLowerCase(java.util.Locale.ROOT)) <= Math.max(2, name.length() / 3)
                                ? " (did you mean " + closest + "?)"
                                : "")
                + ": use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                + " (in the URI dify:operation or the header " + DifyConstants.OPERATION
                + ")");
    }

    // Levenshtein distance, for the "did you mean" of a mistyped operation
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
