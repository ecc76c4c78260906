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

import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.UserIn;

/**
 * Dify's Service API, one row per endpoint: method, path template, key type, where the end-user id goes, query
 * parameters, paging cursor, body, response and event stream (langgenius/dify api/controllers/service_api, and the
 * Service API pages of docs.dify.ai). Everything the client needs to call an endpoint is here; what an operation reads
 * from a Camel exchange is its binding's concern.
 */
public enum DifyApi {

    // ---- stopping a running generation (stopWith of the streaming rows below) ----

    stopChat(post("/chat-messages/{task_id}/stop").userIn(UserIn.BODY).safeToRepeat()),
    stopCompletion(post("/completion-messages/{task_id}/stop").userIn(UserIn.BODY).safeToRepeat()),
    stopWorkflow(post("/workflows/tasks/{task_id}/stop").userIn(UserIn.BODY).safeToRepeat()),

    // ---- apps (app key) ----

    chat(post("/chat-messages").userIn(UserIn.BODY).streams(StreamFamily.MESSAGE).stoppedBy(stopChat)),
    completion(post("/completion-messages").userIn(UserIn.BODY)
            .streams(StreamFamily.MESSAGE)
            .stoppedBy(stopCompletion)),
    runWorkflow(post("/workflows/run").userIn(UserIn.BODY).streams(StreamFamily.WORKFLOW).stoppedBy(stopWorkflow)),
    /** A specific published version of the workflow. */
    runWorkflowById(post("/workflows/{workflow_id}/run").userIn(UserIn.BODY)
            .streams(StreamFamily.WORKFLOW)
            .stoppedBy(stopWorkflow)),
    /** Follows a run already going; closing the stream ends only the following (no stop). */
    workflowEvents(get("/workflow/{workflow_run_id}/events").userIn(UserIn.QUERY)
            .query("include_state_snapshot", "continue_on_pause")
            .streams(StreamFamily.WORKFLOW)),
    uploadFile(post("/files/upload").fileUpload().userIn(UserIn.FORM)),
    getHumanInputForm(get("/form/human_input/{form_token}")),
    submitHumanInputForm(post("/form/human_input/{form_token}").userIn(UserIn.BODY)),
    getAppInfo(get("/info")),
    getAppMeta(get("/meta")),
    getAppParameters(get("/parameters")),
    getAppSite(get("/site")),
    listConversations(
            get("/conversations").userIn(UserIn.QUERY).query("last_id", "limit", "sort_by").paged(Cursor.LAST)),
    listMessages(
            get("/messages").userIn(UserIn.QUERY).query("conversation_id", "first_id", "limit").paged(Cursor.FIRST)),
    renameConversation(post("/conversations/{conversation_id}/name").userIn(UserIn.BODY).safeToRepeat()),
    deleteConversation(delete("/conversations/{conversation_id}").userIn(UserIn.BODY)),
    listConversationVariables(get("/conversations/{conversation_id}/variables").userIn(UserIn.QUERY)
            .query("last_id", "limit", "variable_name")
            .paged(Cursor.LAST)),
    updateConversationVariable(put("/conversations/{conversation_id}/variables/{variable_id}").userIn(UserIn.BODY)),
    messageFeedback(post("/messages/{message_id}/feedbacks").userIn(UserIn.BODY).safeToRepeat()),
    suggestedQuestions(get("/messages/{message_id}/suggested").userIn(UserIn.QUERY)),
    filePreview(get("/files/{file_id}/preview").userIn(UserIn.QUERY).query("as_attachment").binaryResponse()),
    textToAudio(post("/text-to-audio").userIn(UserIn.BODY).binaryResponse().readOnly()),
    audioToText(post("/audio-to-text").fileUpload().userIn(UserIn.FORM).readOnly()),
    listAppFeedbacks(get("/app/feedbacks").query("page", "limit")),
    getEndUser(get("/end-users/{end_user_id}")),
    getWorkflowRun(get("/workflows/run/{workflow_run_id}")),
    listWorkflowLogs(
            get("/workflows/logs")
                    .query("keyword", "status", "page", "limit", "created_at__before", "created_at__after",
                            "created_by_end_user_session_id", "created_by_account")
                    .paged(Cursor.PAGE)),
    createAnnotation(post("/apps/annotations")),
    listAnnotations(get("/apps/annotations").query("page", "limit", "keyword").paged(Cursor.PAGE)),
    updateAnnotation(put("/apps/annotations/{annotation_id}")),
    deleteAnnotation(delete("/apps/annotations/{annotation_id}").noBody()),
    annotationReply(post("/apps/annotation-reply/{action}")),
    annotationReplyStatus(get("/apps/annotation-reply/{action}/status/{job_id}")),

    // ---- Knowledge API (knowledge key) ----

    retrieve(post("/datasets/{dataset_id}/retrieve").knowledgeKey().readOnly()),
    createDataset(post("/datasets").knowledgeKey()),
    listDatasets(get("/datasets").knowledgeKey()
            .query("page", "limit", "keyword", "include_all")
            .arrayQuery("tag_ids")
            .paged(Cursor.PAGE)),
    getDataset(get("/datasets/{dataset_id}").knowledgeKey()),
    updateDataset(patch("/datasets/{dataset_id}").knowledgeKey()),
    deleteDataset(delete("/datasets/{dataset_id}").knowledgeKey().noBody()),
    createDocumentByText(post("/datasets/{dataset_id}/document/create-by-text").knowledgeKey()),
    createDocumentByFile(
            post("/datasets/{dataset_id}/document/create-by-file").knowledgeKey().fileUpload().withSettings()),
    updateDocument(patch("/datasets/{dataset_id}/documents/{document_id}").knowledgeKey().fileUpload().withSettings()),
    updateDocumentByFile(post("/datasets/{dataset_id}/documents/{document_id}/update-by-file").knowledgeKey()
            .fileUpload()
            .withSettings()),
    downloadDocument(get("/datasets/{dataset_id}/documents/{document_id}/download").knowledgeKey()),
    downloadDocumentsZip(
            post("/datasets/{dataset_id}/documents/download-zip").knowledgeKey().binaryResponse().readOnly()),
    listDocuments(get("/datasets/{dataset_id}/documents").knowledgeKey()
            .query("page", "limit", "keyword", "status")
            .paged(Cursor.PAGE)),
    indexingStatus(get("/datasets/{dataset_id}/documents/{batch}/indexing-status").knowledgeKey()),
    getDocument(get("/datasets/{dataset_id}/documents/{document_id}").knowledgeKey().query("metadata")),
    deleteDocument(delete("/datasets/{dataset_id}/documents/{document_id}").knowledgeKey().noBody()),
    updateDocumentByText(post("/datasets/{dataset_id}/documents/{document_id}/update-by-text").knowledgeKey()),
    updateDocumentStatus(patch("/datasets/{dataset_id}/documents/status/{action}").knowledgeKey()),
    createSegments(post("/datasets/{dataset_id}/documents/{document_id}/segments").knowledgeKey()),
    listSegments(get("/datasets/{dataset_id}/documents/{document_id}/segments").knowledgeKey()
            .query("page", "limit", "keyword")
            .arrayQuery("status")
            .paged(Cursor.PAGE)),
    getSegment(get("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}").knowledgeKey()),
    updateSegment(
            post("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}").knowledgeKey().safeToRepeat()),
    deleteSegment(
            delete("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}").knowledgeKey().noBody()),
    createChildChunk(
            post("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks").knowledgeKey()),
    listChildChunks(
            get("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks").knowledgeKey()
                    .query("page", "limit", "keyword")),
    updateChildChunk(
            patch("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks/{child_chunk_id}")
                    .knowledgeKey()),
    deleteChildChunk(
            delete("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks/{child_chunk_id}")
                    .knowledgeKey()
                    .noBody()),
    createTag(post("/datasets/tags").knowledgeKey()),
    listTags(get("/datasets/tags").knowledgeKey()),
    updateTag(patch("/datasets/tags").knowledgeKey()),
    deleteTag(delete("/datasets/tags").knowledgeKey()),
    bindTags(post("/datasets/tags/binding").knowledgeKey().safeToRepeat()),
    unbindTags(post("/datasets/tags/unbinding").knowledgeKey().safeToRepeat()),
    listDatasetTags(get("/datasets/{dataset_id}/tags").knowledgeKey()),
    createMetadata(post("/datasets/{dataset_id}/metadata").knowledgeKey()),
    listMetadata(get("/datasets/{dataset_id}/metadata").knowledgeKey()),
    updateMetadata(patch("/datasets/{dataset_id}/metadata/{metadata_id}").knowledgeKey()),
    deleteMetadata(delete("/datasets/{dataset_id}/metadata/{metadata_id}").knowledgeKey().noBody()),
    listBuiltInMetadata(get("/datasets/{dataset_id}/metadata/built-in").knowledgeKey()),
    toggleBuiltInMetadata(
            post("/datasets/{dataset_id}/metadata/built-in/{action}").knowledgeKey().noBody().safeToRepeat()),
    updateDocumentMetadata(post("/datasets/{dataset_id}/documents/metadata").knowledgeKey().safeToRepeat()),
    listModels(get("/workspaces/current/models/model-types/{model_type}").knowledgeKey()),
    uploadPipelineFile(post("/datasets/pipeline/file-upload").fileUpload().knowledgeKey()),
    listDatasourcePlugins(
            get("/datasets/{dataset_id}/pipeline/datasource-plugins").query("is_published").knowledgeKey()),
    /** Runs one datasource node of a knowledge pipeline; the service API has no stop for it. */
    runDatasourceNode(post("/datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run").knowledgeKey()
            .streams(StreamFamily.DATASOURCE)),
    /** Runs a knowledge pipeline; blocking or streamed by the body's response_mode; no stop. */
    runPipeline(post("/datasets/{dataset_id}/pipeline/run").knowledgeKey().streams(StreamFamily.WORKFLOW)),

    // ---- Agent Knowledge Base ("KnowledgeFS", Dify 1.17+): langgenius/dify
    // api/controllers/service_api/knowledge_fs/resources.py; docs.dify.ai, API reference, Agent Knowledge Base API

    /** Issues a query token (60 s) and the request to send with it; asking a question needs both calls. */
    createAgentQueryToken(post(DifyApiPaths.AGENT_KB + "/queries/admission").knowledgeKey().readOnly()),
    /** The query itself, with the query token as the key and its trace id as X-Trace-ID; no resume. */
    runAgentQuery(post("/knowledge-fs/query-stream").knowledgeKey().streams(StreamFamily.AGENT_QUERY)),
    listAgentDocuments(get(DifyApiPaths.AGENT_KB + "/documents").knowledgeKey()
            .query("cursor", "limit")
            .paged(Cursor.NEXT_CURSOR)),
    /** Deletes documents by id and expected revision (Idempotency-Key required); answers 202 with a batch. */
    bulkDeleteAgentDocuments(delete(DifyApiPaths.AGENT_KB + "/documents/bulk").knowledgeKey()),
    getAgentBulkJob(get(DifyApiPaths.AGENT_KB + "/bulk-jobs/{job_id}").knowledgeKey()),
    listAgentDocumentRevisions(get(DifyApiPaths.AGENT_KB + "/documents/{document_id}/revisions").knowledgeKey()
            .query("cursor", "limit")
            .paged(Cursor.NEXT_CURSOR)),
    listAgentRevisionChunks(
            get(DifyApiPaths.AGENT_KB + "/documents/{document_id}/revisions/{revision}/chunks").knowledgeKey()
                    .query("cursor", "limit", "query")
                    .paged(Cursor.NEXT_CURSOR)),
    getAgentRevisionChunk(
            get(DifyApiPaths.AGENT_KB + "/documents/{document_id}/revisions/{revision}/chunks/{chunk_id}")
                    .knowledgeKey()),
    listResearchTasks(get(DifyApiPaths.AGENT_KB + "/research-tasks").knowledgeKey()
            .query("cursor", "limit")
            .paged(Cursor.NEXT_CURSOR)),
    /** Starts a research task in the background (Idempotency-Key: the same key starts it once); answers 202. */
    createResearchTask(post(DifyApiPaths.AGENT_KB + "/research-tasks").knowledgeKey().safeToRepeat()),
    /** Estimates a research task's steps and cost without starting it. */
    planResearchTask(post(DifyApiPaths.AGENT_KB + "/research-tasks/plan").knowledgeKey().readOnly()),
    getResearchTask(get(DifyApiPaths.AGENT_KB + "/research-tasks/{task_id}").knowledgeKey()),
    cancelResearchTask(delete(DifyApiPaths.AGENT_KB + "/research-tasks/{task_id}").knowledgeKey().noBody()),
    listResearchTaskPartials(get(DifyApiPaths.AGENT_KB + "/research-tasks/{task_id}/partials").knowledgeKey()
            .query("cursor", "limit")
            .paged(Cursor.NEXT_CURSOR));

    private final ApiSpec spec;

    DifyApi(ApiSpec spec) {
        this.spec = spec;
    }

    /** How the endpoint is called. */
    public ApiSpec spec() {
        return spec;
    }

    private static ApiSpec get(String path) {
        return ApiSpec.of("GET", path);
    }

    private static ApiSpec post(String path) {
        return ApiSpec.of("POST", path);
    }

    private static ApiSpec put(String path) {
        return ApiSpec.of("PUT", path);
    }

    private static ApiSpec patch(String path) {
        return ApiSpec.of("PATCH", path);
    }

    private static ApiSpec delete(String path) {
        return ApiSpec.of("DELETE", path);
    }
}
