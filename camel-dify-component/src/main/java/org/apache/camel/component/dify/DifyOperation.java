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

import org.apache.camel.component.dify.operation.ApiCall;
import org.apache.camel.component.dify.operation.ApiCall.Cursor;
import org.apache.camel.component.dify.operation.ApiCall.UserIn;
import org.apache.camel.component.dify.operation.ChatOperation;
import org.apache.camel.component.dify.operation.CompletionOperation;
import org.apache.camel.component.dify.operation.DifyOperationHandler;
import org.apache.camel.component.dify.operation.HumanInputFormOperations;
import org.apache.camel.component.dify.operation.PipelineOperations;
import org.apache.camel.component.dify.operation.RetrieveOperation;
import org.apache.camel.component.dify.operation.StopOperation;
import org.apache.camel.component.dify.operation.UploadFileOperation;
import org.apache.camel.component.dify.operation.WorkflowEventsOperation;
import org.apache.camel.component.dify.operation.WorkflowRunOperation;

/** The operations of the {@code dify:} component, each with the handler that implements it. */
public enum DifyOperation {

    /** {@code POST /chat-messages}: Chatbot, Agent, Chatflow and New Agent apps; body out is the answer. */
    chat(new ChatOperation()),
    /** {@code POST /completion-messages}: Text Generator apps; body out is the generated text. */
    completion(new CompletionOperation()),
    /** {@code POST /workflows/run}: Workflow apps; body out is the outputs map. */
    workflowRun(new WorkflowRunOperation()),
    /** {@code POST /files/upload}: body in is the file; body out is its id. */
    uploadFile(new UploadFileOperation()),
    /** {@code POST /datasets/{id}/retrieve}: knowledge retrieval; body out is the list of chunks. */
    retrieve(new RetrieveOperation()),
    /** {@code GET /workflow/{workflow_run_id}/events}: follow a run already going; body out as workflowRun. */
    workflowEvents(new WorkflowEventsOperation()),
    /** Stop a running chat, completion or workflow task (header CamelDifyTaskId). */
    stop(new StopOperation()),
    /** {@code GET /form/human_input/{form_token}}: the form of a run paused for human input. */
    getHumanInputForm(new HumanInputFormOperations.Get()),
    /** {@code POST /form/human_input/{form_token}}: submit the form; the run resumes. */
    submitHumanInputForm(new HumanInputFormOperations.Submit()),
    // ---- the generic operations: one line each (see ApiCall) ----

    /** {@code GET /info}: the app's name, description, tags, mode and author. */
    getAppInfo(ApiCall.get("/info")),
    /** {@code GET /meta}: the icons of the tools the app uses. */
    getAppMeta(ApiCall.get("/meta")),
    /** {@code GET /parameters}: the app's input form, features and upload limits, e.g. to render a UI. */
    getAppParameters(ApiCall.get("/parameters")),
    /** {@code GET /site}: the app's WebApp settings (title, icon, theme, ...). */
    getAppSite(ApiCall.get("/site")),
    /** {@code GET /conversations}: the user's conversations, one page (parameters last_id, limit, sort_by). */
    listConversations(ApiCall.get("/conversations")
            .userIn(UserIn.QUERY)
            .query("last_id", "limit", "sort_by")
            .paged(Cursor.LAST)),
    /** {@code GET /messages}: a conversation's messages, one page backward (parameters first_id, limit). */
    listMessages(ApiCall.get("/messages")
            .userIn(UserIn.QUERY)
            .query("conversation_id", "first_id", "limit")
            .paged(Cursor.FIRST)),
    /** {@code POST /conversations/{conversation_id}/name}: body {@code {name}} or {@code {auto_generate: true}}. */
    renameConversation(ApiCall.post("/conversations/{conversation_id}/name").userIn(UserIn.BODY)),
    /** {@code DELETE /conversations/{conversation_id}}. */
    deleteConversation(ApiCall.delete("/conversations/{conversation_id}").userIn(UserIn.BODY)),
    /** {@code GET /conversations/{conversation_id}/variables}: one page (parameters last_id, limit, variable_name). */
    listConversationVariables(ApiCall.get("/conversations/{conversation_id}/variables")
            .userIn(UserIn.QUERY)
            .query("last_id", "limit", "variable_name")
            .paged(Cursor.LAST)),
    /** {@code PUT /conversations/{conversation_id}/variables/{variable_id}}: body {@code {value}}. */
    updateConversationVariable(ApiCall.put("/conversations/{conversation_id}/variables/{variable_id}")
            .userIn(UserIn.BODY)),
    /** {@code POST /messages/{message_id}/feedbacks}: body {@code {rating: like|dislike|null, content}}. */
    messageFeedback(ApiCall.post("/messages/{message_id}/feedbacks").userIn(UserIn.BODY)),
    /** {@code GET /messages/{message_id}/suggested}: follow-up questions for an answer. */
    suggestedQuestions(ApiCall.get("/messages/{message_id}/suggested").userIn(UserIn.QUERY)),
    /** {@code GET /files/{file_id}/preview}: an uploaded file's content, as an InputStream (parameter as_attachment). */
    filePreview(ApiCall.get("/files/{file_id}/preview").userIn(UserIn.QUERY).query("as_attachment").binaryResponse()),
    /** {@code POST /text-to-audio}: body {@code {text}} or {@code {message_id}}; the audio as an InputStream. */
    textToAudio(ApiCall.post("/text-to-audio").userIn(UserIn.BODY).binaryResponse()),
    /** {@code POST /audio-to-text}: the audio file in the body (streamed); the body out is {@code {text}}. */
    audioToText(ApiCall.post("/audio-to-text").multipart("file").userIn(UserIn.FORM)),
    /** {@code GET /app/feedbacks}: the app's feedbacks (parameters page, limit). */
    listAppFeedbacks(ApiCall.get("/app/feedbacks").query("page", "limit")),
    /** {@code GET /end-users/{end_user_id}}: an end user, e.g. the created_by of a file or run. */
    getEndUser(ApiCall.get("/end-users/{end_user_id}")),
    /** {@code GET /workflows/run/{workflow_run_id}}: a workflow run's status and outputs. */
    getWorkflowRun(ApiCall.get("/workflows/run/{workflow_run_id}")),
    /** {@code GET /workflows/logs}: the app's workflow runs, one page (parameters keyword, status, page, limit, ...). */
    listWorkflowLogs(ApiCall.get("/workflows/logs")
            .query("keyword", "status", "page", "limit",
                    "created_at__before", "created_at__after", "created_by_end_user_session_id", "created_by_account")
            .paged(Cursor.PAGE)),
    /** {@code POST /apps/annotations}: body {@code {question, answer}}. */
    createAnnotation(ApiCall.post("/apps/annotations")),
    /** {@code GET /apps/annotations}: one page (parameters page, limit, keyword). */
    listAnnotations(ApiCall.get("/apps/annotations").query("page", "limit", "keyword").paged(Cursor.PAGE)),
    /** {@code PUT /apps/annotations/{annotation_id}}: body {@code {question, answer}}. */
    updateAnnotation(ApiCall.put("/apps/annotations/{annotation_id}")),
    /** {@code DELETE /apps/annotations/{annotation_id}}. */
    deleteAnnotation(ApiCall.delete("/apps/annotations/{annotation_id}").noBody()),
    /** {@code POST /apps/annotation-reply/{action}}: enable or disable annotation reply (a job). */
    annotationReply(ApiCall.post("/apps/annotation-reply/{action}")),
    /** {@code GET /apps/annotation-reply/{action}/status/{job_id}}: the job's status. */
    annotationReplyStatus(ApiCall.get("/apps/annotation-reply/{action}/status/{job_id}")),

    // ---- Knowledge API (knowledge key) ----

    /** {@code POST /datasets}: an empty knowledge base; body {@code {name, description, indexing_technique, ...}}. */
    createDataset(ApiCall.post("/datasets").datasetKey()),
    /** {@code GET /datasets}: one page (parameters page, limit, keyword, include_all, tag_ids). */
    listDatasets(ApiCall.get("/datasets")
            .datasetKey()
            .query("page", "limit", "keyword", "include_all", "tag_ids")
            .paged(Cursor.PAGE)),
    /** {@code GET /datasets/{dataset_id}}. */
    getDataset(ApiCall.get("/datasets/{dataset_id}").datasetKey()),
    /** {@code PATCH /datasets/{dataset_id}}: only the fields given change. */
    updateDataset(ApiCall.patch("/datasets/{dataset_id}").datasetKey()),
    /** {@code DELETE /datasets/{dataset_id}}. */
    deleteDataset(ApiCall.delete("/datasets/{dataset_id}").datasetKey().noBody()),
    /** {@code POST /datasets/{dataset_id}/document/create-by-text}: body {@code {name, text, indexing_technique,
     * process_rule, ...}}; indexing then runs on its own (indexingStatus). */
    createDocumentByText(ApiCall.post("/datasets/{dataset_id}/document/create-by-text").datasetKey()),
    /** {@code POST /datasets/{dataset_id}/document/create-by-file}: the file in the body (streamed), settings in the
     * header CamelDifyDocumentSettings. */
    createDocumentByFile(ApiCall.post("/datasets/{dataset_id}/document/create-by-file")
            .datasetKey()
            .multipart("file")
            .withSettingsPart()),
    /** {@code PATCH /datasets/{dataset_id}/documents/{document_id}}: replaces a document's file (the canonical
     * update by file). */
    updateDocument(ApiCall.patch("/datasets/{dataset_id}/documents/{document_id}")
            .datasetKey()
            .multipart("file")
            .withSettingsPart()),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-file} (deprecated by Dify in favour of
     * updateDocument). */
    updateDocumentByFile(ApiCall.post("/datasets/{dataset_id}/documents/{document_id}/update-by-file")
            .datasetKey()
            .multipart("file")
            .withSettingsPart()),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/download}: a signed URL of the original file. */
    downloadDocument(ApiCall.get("/datasets/{dataset_id}/documents/{document_id}/download").datasetKey()),
    /** {@code POST /datasets/{dataset_id}/documents/download-zip}: body {@code {document_ids}}; the zip as an
     * InputStream. */
    downloadDocumentsZip(ApiCall.post("/datasets/{dataset_id}/documents/download-zip")
            .datasetKey()
            .binaryResponse()),
    /** {@code GET /datasets/{dataset_id}/documents}: one page (parameters page, limit, keyword, status). */
    listDocuments(ApiCall.get("/datasets/{dataset_id}/documents")
            .datasetKey()
            .query("page", "limit", "keyword",
                    "status")
            .paged(Cursor.PAGE)),
    /** {@code GET /datasets/{dataset_id}/documents/{batch}/indexing-status}: the progress of a batch. */
    indexingStatus(ApiCall.get("/datasets/{dataset_id}/documents/{batch}/indexing-status").datasetKey()),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}} (parameter metadata: all, only, without). */
    getDocument(ApiCall.get("/datasets/{dataset_id}/documents/{document_id}").datasetKey().query("metadata")),
    /** {@code DELETE /datasets/{dataset_id}/documents/{document_id}}. */
    deleteDocument(ApiCall.delete("/datasets/{dataset_id}/documents/{document_id}").datasetKey().noBody()),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/update-by-text}: body {@code {name, text, ...}}. */
    updateDocumentByText(ApiCall.post("/datasets/{dataset_id}/documents/{document_id}/update-by-text")
            .datasetKey()),
    /** {@code PATCH /datasets/{dataset_id}/documents/status/{action}} (enable, disable, archive, un_archive): body
     * {@code {document_ids}}. */
    updateDocumentStatus(ApiCall.patch("/datasets/{dataset_id}/documents/status/{action}").datasetKey()),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/segments}: body {@code {segments: [{content,
     * answer, keywords}]}}. */
    createSegments(ApiCall.post("/datasets/{dataset_id}/documents/{document_id}/segments").datasetKey()),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/segments}: one page (page, limit, status, keyword). */
    listSegments(ApiCall.get("/datasets/{dataset_id}/documents/{document_id}/segments")
            .datasetKey()
            .query("page", "limit", "status", "keyword")
            .paged(Cursor.PAGE)),
    /** {@code GET /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}}. */
    getSegment(ApiCall.get("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}").datasetKey()),
    /** {@code POST /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}} (Dify updates chunks with
     * POST): body {@code {segment: {content, answer, keywords, enabled}}}. */
    updateSegment(ApiCall.post("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}").datasetKey()),
    /** {@code DELETE /datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}}. */
    deleteSegment(ApiCall.delete("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}")
            .datasetKey()
            .noBody()),
    /** {@code POST .../segments/{segment_id}/child_chunks}: body {@code {content}}. */
    createChildChunk(ApiCall.post("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks")
            .datasetKey()),
    /** {@code GET .../segments/{segment_id}/child_chunks} (page, limit, keyword). */
    listChildChunks(ApiCall.get("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}/child_chunks")
            .datasetKey()
            .query("page", "limit", "keyword")),
    /** {@code PATCH .../child_chunks/{child_chunk_id}}: body {@code {content}}. */
    updateChildChunk(ApiCall.patch("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}"
            + "/child_chunks/{child_chunk_id}").datasetKey()),
    /** {@code DELETE .../child_chunks/{child_chunk_id}}. */
    deleteChildChunk(ApiCall.delete("/datasets/{dataset_id}/documents/{document_id}/segments/{segment_id}"
            + "/child_chunks/{child_chunk_id}").datasetKey().noBody()),

    /** {@code POST /datasets/tags}: body {@code {name}}. */
    createTag(ApiCall.post("/datasets/tags").datasetKey()),
    /** {@code GET /datasets/tags}: the workspace's knowledge tags (a list). */
    listTags(ApiCall.get("/datasets/tags").datasetKey()),
    /** {@code PATCH /datasets/tags}: body {@code {tag_id, name}}. */
    updateTag(ApiCall.patch("/datasets/tags").datasetKey()),
    /** {@code DELETE /datasets/tags}: body {@code {tag_id}}. */
    deleteTag(ApiCall.delete("/datasets/tags").datasetKey()),
    /** {@code POST /datasets/tags/binding}: body {@code {tag_ids, target_id}} (the knowledge base). */
    bindTags(ApiCall.post("/datasets/tags/binding").datasetKey()),
    /** {@code POST /datasets/tags/unbinding}: body {@code {tag_ids, target_id}}. */
    unbindTags(ApiCall.post("/datasets/tags/unbinding").datasetKey()),
    /** {@code GET /datasets/{dataset_id}/tags}: the tags of one knowledge base. */
    listDatasetTags(ApiCall.get("/datasets/{dataset_id}/tags").datasetKey()),
    /** {@code POST /datasets/{dataset_id}/metadata}: body {@code {type, name}} (type string, number or time). */
    createMetadata(ApiCall.post("/datasets/{dataset_id}/metadata").datasetKey()),
    /** {@code GET /datasets/{dataset_id}/metadata}: the metadata fields and whether built-in fields are on. */
    listMetadata(ApiCall.get("/datasets/{dataset_id}/metadata").datasetKey()),
    /** {@code PATCH /datasets/{dataset_id}/metadata/{metadata_id}}: body {@code {name}}. */
    updateMetadata(ApiCall.patch("/datasets/{dataset_id}/metadata/{metadata_id}").datasetKey()),
    /** {@code DELETE /datasets/{dataset_id}/metadata/{metadata_id}}. */
    deleteMetadata(ApiCall.delete("/datasets/{dataset_id}/metadata/{metadata_id}").datasetKey().noBody()),
    /** {@code GET /datasets/{dataset_id}/metadata/built-in}: the built-in fields. */
    listBuiltInMetadata(ApiCall.get("/datasets/{dataset_id}/metadata/built-in").datasetKey()),
    /** {@code POST /datasets/{dataset_id}/metadata/built-in/{action}} (enable, disable). */
    toggleBuiltInMetadata(ApiCall.post("/datasets/{dataset_id}/metadata/built-in/{action}").datasetKey().noBody()),
    /** {@code POST /datasets/{dataset_id}/documents/metadata}: body {@code {operation_data: [{document_id,
     * metadata_list: [{id, name, value}]}]}}. */
    updateDocumentMetadata(ApiCall.post("/datasets/{dataset_id}/documents/metadata").datasetKey()),
    /** {@code GET /workspaces/current/models/model-types/{model_type}} (e.g. text-embedding, rerank). */
    listModels(ApiCall.get("/workspaces/current/models/model-types/{model_type}").datasetKey()),
    /**
     * {@code POST /datasets/pipeline/file-upload}: body in is the file (streamed); body out is {@code {id, name, ...}},
     * the id being the {@code reference} of a local_file datasource in runPipeline.
     */
    uploadPipelineFile(ApiCall.post("/datasets/pipeline/file-upload").multipart("file").datasetKey()),
    /** {@code GET /datasets/{dataset_id}/pipeline/datasource-plugins}: the pipeline's datasource nodes (parameter
     * is_published). */
    listDatasourcePlugins(ApiCall.get("/datasets/{dataset_id}/pipeline/datasource-plugins")
            .query("is_published")
            .datasetKey()),
    /** {@code POST /datasets/{dataset_id}/pipeline/datasource/nodes/{node_id}/run}: runs one datasource node (SSE);
     * body out is what it read. */
    runDatasourceNode(new PipelineOperations.RunDatasourceNode()),
    /** {@code POST /datasets/{dataset_id}/pipeline/run}: runs the knowledge pipeline; body out as for workflowRun. */
    runPipeline(new PipelineOperations.RunPipeline()),

    /** Consumer only: {@code from("dify:events")} receives the events of the streams this component's producers run. */
    events(null);

    private final DifyOperationHandler<?> handler;

    DifyOperation(DifyOperationHandler<?> handler) {
        this.handler = handler;
        if (handler instanceof ApiCall call) {
            call.named(name());
        }
    }

    public DifyOperationHandler<?> handler() {
        if (handler == null) {
            throw new IllegalArgumentException("dify:" + name() + " is a consumer endpoint: use it in from(...), and"
                    + " a producer operation such as dify:chat in to(...)");
        }
        return handler;
    }

    /** Looks an operation up by its name, with an error that lists the valid names. */
    public static DifyOperation fromName(String name) {
        for (DifyOperation operation : values()) {
            if (operation.name().equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("Unknown Dify operation '" + name + "': use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                + " (in the URI dify:operation or the header " + DifyConstants.OPERATION
                + ")");
    }
}
