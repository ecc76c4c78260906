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
import java.util.stream.Collectors;

import org.apache.camel.component.dify.internal.binding.OperationTable;

/**
 * The operations of the {@code dify:} component: the name a route gives in {@code dify:operation} or the header
 * {@link DifyConstants#OPERATION}. Which Dify endpoints each calls and how it reads an exchange is in the operation
 * table beside the bindings ({@code internal/binding/OperationTable}).
 */
public enum DifyOperation {

    /** {@code POST /chat-messages}: Chatbot, Agent, Chatflow and New Agent apps; body out is the answer. */
    chat,
    /** {@code POST /completion-messages}: Text Generator apps; body out is the generated text. */
    completion,
    /** {@code POST /workflows/run}: Workflow apps; body out is the outputs map. */
    workflowRun,
    /** {@code POST /files/upload}: body in is the file; body out is its id. */
    uploadFile,
    /** {@code POST /datasets/{id}/retrieve}: knowledge retrieval; body out is the list of chunks. */
    retrieve,
    /** {@code GET /workflow/{workflow_run_id}/events}: follow a run already going; body out as workflowRun. */
    workflowEvents,
    /** Stop a running chat, completion or workflow task (header CamelDifyTaskId). */
    stop,
    /** {@code GET /form/human_input/{form_token}}: the form of a run paused for human input. */
    getHumanInputForm,
    /** {@code POST /form/human_input/{form_token}}: submit the form; the run resumes. */
    submitHumanInputForm,
    // ---- the operations that map one Dify endpoint as it is (ApiBinding) ----

    /** {@code GET /info}: the app's name, description, tags, mode and author. */
    getAppInfo,
    /** {@code GET /meta}: the icons of the tools the app uses. */
    getAppMeta,
    /** {@code GET /parameters}: the app's input form, features and upload limits, e.g. to render a UI. */
    getAppParameters,
    /** {@code GET /site}: the app's WebApp settings (title, icon, theme, ...). */
    getAppSite,
    /** {@code GET /conversations}: the user's conversations, one page (parameters last_id, limit, sort_by). */
    listConversations,
    /** {@code GET /messages}: a conversation's messages, one page backward (parameters first_id, limit). */
    listMessages,
    /** {@code POST /conversations/{conversation_id}/name}: body {@code {name}} or {@code {auto_generate: true}}. */
    renameConversation,
    /** {@code DELETE /conversations/{conversation_id}}. */
    deleteConversation,
    /** {@code GET /conversations/{conversation_id}/variables}: one page (parameters last_id, limit, variable_name). */
    listConversationVariables,
    /** {@code PUT /conversations/{conversation_id}/variables/{variable_id}}: body {@code {value}}. */
    updateConversationVariable,
    /** {@code POST /messages/{message_id}/feedbacks}: body {@code {rating: like|dislike|null, content}}. */
    messageFeedback,
    /** {@code GET /messages/{message_id}/suggested}: follow-up questions for an answer. */
    suggestedQuestions,
    /** {@code GET /files/{file_id}/preview}: an uploaded file's content, as an InputStream (parameter as_attachment). */
    filePreview,
    /** {@code POST /text-to-audio}: body {@code {text}} or {@code {message_id}}; the audio as an InputStream. */
    textToAudio,
    /** {@code POST /audio-to-text}: the audio file in the body (streamed); the body out is {@code {text}}. */
    audioToText,
    /** {@code GET /app/feedbacks}: the app's feedbacks (parameters page, limit). */
    listAppFeedbacks,
    /** {@code GET /end-users/{end_user_id}}: an end user, e.g. the created_by of a file or run. */
    getEndUser,
    /** {@code GET /workflows/run/{workflow_run_id}}: a workflow run's status and outputs. */
    getWorkflowRun,
    /** {@code GET /workflows/logs}: the app's workflow runs, one page (parameters keyword, status, page, limit, ...). */
    listWorkflowLogs,
    /** {@code POST /apps/annotations}: body {@code {question, answer}}. */
    createAnnotation,
    /** {@code GET /apps/annotations}: one page (parameters page, limit, keyword). */
    listAnnotations,
    /** {@code PUT /apps/annotations/{annotation_id}}: body {@code {question, answer}}. */
    updateAnnotation,
    /** {@code DELETE /apps/annotations/{annotation_id}}. */
    deleteAnnotation,
    /** {@code POST /apps/annotation-reply/{action}}: enable or disable annotation reply (a job). */
    annotationReply,
    /** {@code GET /apps/annotation-reply/{action}/status/{job_id}}: the job's status. */
    annotationReplyStatus,

    // ---- Knowledge API (knowledge key) ----

    /** {@code POST /datasets}: an empty knowledge base; body {@code {name, description, indexing_technique, ...}}. */
    createDataset,
    /** {@code GET /datasets}: one page (parameters page, limit, keyword, include_all, tag_ids). */
    listDatasets,
    /** {@code GET /datasets/{dataset_id}}. */
    getDataset,
    /** {@code PATCH /datasets/{dataset_id}}: only the fields given change. */
    updateDataset,
    /** {@code DELETE /datasets/{dataset_id}}. */
    deleteDataset,
    /** {@code POST /datasets/{dataset_id}/document/create-by-text}: body {@code {name, text, indexing_technique,
     * process_rule, ...}}; indexing then runs on its own (indexingStatus). */
    createDocumentByText,
    /** {@code POST /datasets/{dataset_id}/document/create-by-file}: the file in the body (streamed), settings in the
     * header CamelDifyDocumentSettings. */
    createDocumentByFile,
    /** {@code PATCH /datasets/{dataset_id}/documents/{document_id}}: replaces a document's file (the canonical
     * update by file). */
    updateDocument,
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-file} (deprecated by Dify in favour of
     * updateDocument). */
    updateDocumentByFile,
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/download}: a signed URL of the original file. */
    downloadDocument,
    /** {@code POST /datasets/{dataset_id}/documents/download-zip}: body {@code {document_ids}}; the zip as an
     * InputStream. */
    downloadDocumentsZip,
    /** {@code GET /datasets/{dataset_id}/documents}: one page (parameters page, limit, keyword, status). */
    listDocuments,
    /** {@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}: the progress of a batch. */
    indexingStatus,
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}} (parameter metadata: all, only, without). */
    getDocument,
    /** {@code DELETE /datasets/{dataset_id}/documents/{document_id}}. */
    deleteDocument,
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-text}: body {@code {name, text, ...}}. */
    updateDocumentByText,
    /** {@code PATCH /datasets/{dataset_id}/documents/status/{action}} (enable, disable, archive, un_archive): body
     * {@code {document_ids}}. */
    updateDocumentStatus,
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/segments}: body {@code {segments: [{content,
     * answer, keywords}]}}. */
    createSegments,
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/segments}: one page (page, limit, status, keyword). */
    listSegments,
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}}. */
    getSegment,
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}} (Dify updates chunks with
     * POST): body {@code {segment: {content, answer, keywords, enabled}}}. */
    updateSegment,
    /** {@code DELETE /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}}. */
    deleteSegment,
    /** {@code POST .../segments/{segment_id}/child_chunks}: body {@code {content}}. */
    createChildChunk,
    /** {@code GET .../segments/{segment_id}/child_chunks} (page, limit, keyword). */
    listChildChunks,
    /** {@code PATCH .../child_chunks/{child_chunk_id}}: body {@code {content}}. */
    updateChildChunk,
    /** {@code DELETE .../child_chunks/{child_chunk_id}}. */
    deleteChildChunk,

    /** {@code POST /datasets/tags}: body {@code {name}}. */
    createTag,
    /** {@code GET /datasets/tags}: the workspace's knowledge tags (a list). */
    listTags,
    /** {@code PATCH /datasets/tags}: body {@code {tag_id, name}}. */
    updateTag,
    /** {@code DELETE /datasets/tags}: body {@code {tag_id}}. */
    deleteTag,
    /** {@code POST /datasets/tags/binding}: body {@code {tag_ids, target_id}} (the knowledge base). */
    bindTags,
    /** {@code POST /datasets/tags/unbinding}: body {@code {tag_ids, target_id}}. */
    unbindTags,
    /** {@code GET /datasets/{dataset_id}/tags}: the tags of one knowledge base. */
    listDatasetTags,
    /** {@code POST /datasets/{dataset_id}/metadata}: body {@code {type, name}} (type string, number or time). */
    createMetadata,
    /** {@code GET /datasets/{dataset_id}/metadata}: the metadata fields and whether built-in fields are on. */
    listMetadata,
    /** {@code PATCH /datasets/{dataset_id}/metadata/{metadata_id}}: body {@code {name}}. */
    updateMetadata,
    /** {@code DELETE /datasets/{dataset_id}/metadata/{metadata_id}}. */
    deleteMetadata,
    /** {@code GET /datasets/{dataset_id}/metadata/built-in}: the built-in fields. */
    listBuiltInMetadata,
    /** {@code POST /datasets/{dataset_id}/metadata/built-in/{action}} (enable, disable). */
    toggleBuiltInMetadata,
    /** {@code POST /datasets/{dataset_id}/documents/metadata}: body {@code {operation_data: [{document_id,
     * metadata_list: [{id, name, value}]}]}}. */
    updateDocumentMetadata,
    /** {@code GET /workspaces/current/models/model-types/{model_type}} (e.g. text-embedding, rerank). */
    listModels,
    /**
     * {@code POST /datasets/pipeline/file-upload}: body in is the file (streamed); body out is {@code {id, name, ...}},
     * the id being the {@code reference} of a local_file datasource in runPipeline.
     */
    uploadPipelineFile,
    /** {@code GET /datasets/{dataset_id}/pipeline/datasource-plugins}: the pipeline's datasource nodes (parameter
     * is_published). */
    listDatasourcePlugins,
    /** {@code POST /datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run}: runs one datasource node (SSE);
     * body out is a List of what it read, one element per page ({@code datasource_completed}). */
    runDatasourceNode,
    /** {@code POST /datasets/{dataset_id}/pipeline/run}: runs the knowledge pipeline; body out as for workflowRun. */
    runPipeline,

    // ---- Agent Knowledge Base (Dify 1.17+, /knowledge-fs/spaces/{knowledge_base_id}/..., knowledge key) ----

    /**
     * Asks an Agent Knowledge Base a question: a query token, then the query stream with it. Body in: the question
     * (text) or a Map ({@code query}, {@code mode}, {@code activeDocumentIds}, {@code sessionId}); body out: Dify's
     * {@code answer.done} event as a Map (only it is success; an {@code answer.error} fails the exchange, also after
     * deltas), or the events with delivery=events. CamelDifyQueryRunId names the query record.
     */
    agentKnowledgeQuery,
    /**
     * {@code POST .../queries/admission}: issues a query token (valid 60 s) and the request to send with it; body out
     * {@code {token, trace_id, request, expires_at, url}}, body in of runAgentQuery.
     */
    createAgentQueryToken,
    /**
     * {@code POST /knowledge-fs/query-stream}: runs a query with the token createAgentQueryToken issued (body in: its
     * answer); body out as for agentKnowledgeQuery.
     */
    runAgentQuery,
    /** {@code GET .../documents}: the knowledge base's documents (parameters cursor, limit; allPages reads all). */
    listAgentDocuments,
    /**
     * {@code DELETE .../documents/bulk}: deletes documents ({@code {documents: [{documentId, expectedRevision}]}}),
     * once per Idempotency-Key (CamelDifyIdempotencyKey, or one per exchange); answers 202 with the batch.
     */
    bulkDeleteAgentDocuments,
    /** {@code GET .../bulk-jobs/{job_id}}: a bulk job's state (parameter job_id). */
    getAgentBulkJob,
    /** {@code GET .../documents/{document_id}/revisions}: a document's revisions (parameters cursor, limit). */
    listAgentDocumentRevisions,
    /** {@code GET .../documents/{document_id}/revisions/{revision}/chunks}: a revision's chunks (cursor, limit, query). */
    listAgentRevisionChunks,
    /** {@code GET .../documents/{document_id}/revisions/{revision}/chunks/{chunk_id}}: one chunk. */
    getAgentRevisionChunk,
    /** {@code GET .../research-tasks}: the research tasks (parameters cursor, limit). */
    listResearchTasks,
    /**
     * {@code POST .../research-tasks}: starts a research task in the background ({@code query}, {@code mode},
     * {@code topK}, {@code budgetUsd}, {@code limits}), once per Idempotency-Key; body out the task (202), whose
     * {@code stage} getResearchTask follows.
     */
    createResearchTask,
    /** {@code POST .../research-tasks/plan}: a research task's steps and estimated cost, without starting it. */
    planResearchTask,
    /** {@code GET .../research-tasks/{task_id}}: a research task, its stage and cost (task id: CamelDifyTaskId). */
    getResearchTask,
    /** {@code DELETE .../research-tasks/{task_id}}: cancels a research task; body out the task. */
    cancelResearchTask,
    /** {@code GET .../research-tasks/{task_id}/partials}: the evidence a research task found so far. */
    listResearchTaskPartials,

    /**
     * Writes a document once, however often the same message arrives: created when no document has its name (or, with
     * upsertMatchField, its CamelDifyUpsertMatchValue), updated when the content changed, untouched when it did not;
     * with waitForIndexing, done once indexed. Body in: text or file; body out: the IngestedDocument.
     */
    upsertDocument,
    /**
     * Waits until the documents of a batch (header CamelDifyBatch, as the document writes answer it) are indexed, up
     * to indexingTimeout; fails with Dify's indexing error. Body unchanged.
     */
    awaitIndexing,

    /**
     * Starts a workflow through its webhook trigger (Dify 1.10+, no key): body in the payload, body out the webhook's
     * answer; with findTriggeredRun, the run it started in CamelDifyWorkflowRunId.
     */
    triggerWebhook,

    /**
     * Consumer only: {@code from("dify:externalKnowledge")} answers Dify's External Knowledge API
     * ({@code POST <path>/retrieval}) from a route: the query in, the records out.
     */
    externalKnowledge,

    /**
     * Consumer only: {@code from("dify:extension")} is an API-based extension of Dify: answers ping itself and hands
     * the external data tool and moderation points to the route with typed bodies.
     */
    extension,

    /**
     * Consumer only: {@code from("dify:workflowRuns")} delivers every finished run of a Workflow app once, from
     * {@code GET /workflows/logs}: also the runs Dify's own triggers (schedule, plugin, webhook) started.
     */
    workflowRuns,

    /** Consumer only: {@code from("dify:events")} receives the events of the streams this component's producers run. */
    events;

    /**
     * What an operation does to Dify, for callers that must know before calling it, such as an LLM agent choosing a
     * tool (MCP's tool annotations readOnlyHint, destructiveHint, idempotentHint) or a retry policy. The retry
     * policy reads the same flags from each Dify endpoint's row.
     *
     * @param readOnly    changes nothing in Dify (reads, retrieval)
     * @param destructive deletes something
     * @param idempotent  sending it twice has the effect of sending it once
     */
    public record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
    }

    /** Whether the operation reads, writes or deletes, and whether it may be repeated. */
    public Hints hints() {
        return OperationTable.hints(this);
    }

    /** Whether this operation is only a consumer ({@code from("dify:...")}), such as events or workflowRuns. */
    public boolean consumerOnly() {
        return OperationTable.consumerOnly(this);
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
