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

import org.apache.camel.spi.Metadata;

/** The headers of the Dify component. Input headers override the endpoint options for one exchange. */
public final class DifyConstants {

    // ---- input ----

    @Metadata(label = "producer", javaType = "String", description = "The operation to run, overriding the one in the endpoint URI (any producer operation,"
            + " e.g. chat, workflowRun, uploadFile, retrieve, listDocuments), e.g. to pick it from"
            + " the message in one route.")
    public static final String OPERATION = "CamelDifyOperation";

    @Metadata(label = "producer", javaType = "String", description = "The question (chat, retrieve) or legacy query text (completion). Overrides a String body;"
            + " use it when the body carries something else.")
    public static final String QUERY = "CamelDifyQuery";

    @Metadata(label = "producer", javaType = "java.util.Map<String, Object>", description = "Values for the app's input variables. Added to the endpoint's inputs and to a Map body,"
            + " winning on the same name.")
    public static final String INPUTS = "CamelDifyInputs";

    @Metadata(label = "producer", javaType = "String", description = "The end-user id for this exchange, overriding the option user. Conversations and uploaded"
            + " files belong to it.")
    public static final String USER = "CamelDifyUser";

    @Metadata(label = "common", javaType = "String", description = "In: the conversation to continue (chat), overriding the option conversationId; empty starts"
            + " a new one. Out: the conversation the answer belongs to, to send back with the next"
            + " message.")
    public static final String CONVERSATION_ID = "CamelDifyConversationId";

    @Metadata(label = "producer", javaType = "java.util.List<org.apache.camel.component.dify.api.FileReference>", description = "Files to attach (chat, completion, workflowRun): a list of FileReference or of Maps with"
            + " Dify's keys (type, transfer_method, upload_file_id or url), or one of either. Upload a"
            + " local file first with uploadFile and reference its id.")
    public static final String FILES = "CamelDifyFiles";

    @Metadata(label = "producer", javaType = "String", description = "The knowledge base of a knowledge operation (retrieve, documents, chunks, metadata,"
            + " pipelines), overriding the option datasetId.")
    public static final String DATASET_ID = "CamelDifyDatasetId";

    @Metadata(label = "producer,security", javaType = "String", description = "The API key for this exchange, overriding the option apiKey, so one route can call many apps"
            + " or tenants. Camel's standard header filters keep Camel* headers from leaving through"
            + " other transports; remove it yourself before any endpoint that does not filter them.")
    public static final String API_KEY = "CamelDifyApiKey";

    @Metadata(label = "producer", javaType = "String", description = "The form token of a run paused at a Human Input node (getHumanInputForm,"
            + " submitHumanInputForm), from the human_input_required event.")
    public static final String FORM_TOKEN = "CamelDifyFormToken";

    @Metadata(label = "producer", javaType = "String", description = "The document to act on (Knowledge API document and chunk operations), overriding the option"
            + " documentId.")
    public static final String DOCUMENT_ID = "CamelDifyDocumentId";

    @Metadata(label = "producer", javaType = "java.util.Map<String, Object>", description = "createDocumentByFile, updateDocumentByFile, updateDocument: the document's settings sent"
            + " as the data part next to the file (indexing_technique, process_rule, doc_form,"
            + " doc_language, ...), as a Map or JSON object text (e.g. from a YAML route); the body is the file.")
    public static final String DOCUMENT_SETTINGS = "CamelDifyDocumentSettings";

    @Metadata(label = "producer", javaType = "java.util.Map<String, Object>", description = "Path and query parameters of an operation by Dify's names (e.g. last_id, limit, sort_by,"
            + " first_id); they win over the headers and options of the same meaning.")
    public static final String PARAMETERS = "CamelDifyParameters";

    @Metadata(label = "producer", javaType = "String", description = "The indexing batch to wait for or look at (awaitIndexing, indexingStatus), as"
            + " createDocumentByText / createDocumentByFile answered it. Out: the batch of a document write"
            + " (upsertDocument, and the document writes with waitForIndexing).")
    public static final String BATCH = "CamelDifyBatch";

    @Metadata(label = "producer", javaType = "String", description = "upsertDocument: the document's name, which is also what it is matched by unless"
            + " upsertMatchField is set. Defaults to CamelFileName (a file from the file: component or a"
            + " queue message that carries one).")
    public static final String DOCUMENT_NAME = "CamelDifyDocumentName";

    @Metadata(label = "producer", javaType = "String", description = "upsertDocument with upsertMatchField: the value that identifies the document (e.g. the id"
            + " it has in the system it comes from); kept in the document's metadata field upsertMatchField.")
    public static final String UPSERT_MATCH_VALUE = "CamelDifyUpsertMatchValue";

    // ---- output ----

    @Metadata(label = "producer", javaType = "String", description = "triggerWebhook: the URL of the workflow's webhook"
            + " trigger, overriding the option webhookUrl.")
    public static final String WEBHOOK_URL = "CamelDifyWebhookUrl";

    @Metadata(label = "consumer", javaType = "String", description = "dify:extension: the extension point Dify calls"
            + " (app.external_data_tool.query, app.moderation.input, app.moderation.output; ping is answered by the"
            + " component).")
    public static final String EXTENSION_POINT = "CamelDifyExtensionPoint";

    @Metadata(label = "consumer", javaType = "String", description = "dify:externalKnowledge: the knowledge source Dify"
            + " asks (its External Knowledge ID, knowledge_id).")
    public static final String KNOWLEDGE_ID = "CamelDifyKnowledgeId";

    @Metadata(label = "consumer", javaType = "Integer", description = "dify:externalKnowledge: how many records Dify wants"
            + " at most (retrieval_setting.top_k).")
    public static final String TOP_K = "CamelDifyTopK";

    @Metadata(label = "consumer", javaType = "Double", description = "dify:externalKnowledge: the lowest score Dify"
            + " keeps, 0 to 1 (retrieval_setting.score_threshold; 0.0 when Dify's threshold is off).")
    public static final String SCORE_THRESHOLD = "CamelDifyScoreThreshold";

    @Metadata(label = "consumer", javaType = "java.util.Map<String, Object>", description = "dify:externalKnowledge: Dify's"
            + " metadata filter as sent ({logical_operator, conditions: [{name, comparison_operator, value}]}), when"
            + " the request has one.")
    public static final String METADATA_CONDITION = "CamelDifyMetadataCondition";

    @Metadata(label = "consumer", javaType = "java.util.Map<String, Object>", description = "dify:externalKnowledge and"
            + " dify:extension: Dify's whole request as it arrived (its JSON as a Map), for a field the typed body and"
            + " headers do not carry, e.g. one a newer Dify adds.")
    public static final String DIFY_REQUEST = "CamelDifyRequest";

    @Metadata(label = "consumer", javaType = "String", description = "dify:workflowRuns: who started the run (the logs'"
            + " triggered_from: app-run, webhook, schedule, plugin, debugging).")
    public static final String TRIGGERED_FROM = "CamelDifyTriggeredFrom";

    @Metadata(label = "producer", javaType = "String", description = "Out, with separateReasoning (chat, completion): the model's reasoning, taken out of the"
            + " answer (the text between <think> and </think>), followed by the reasoning Dify separated itself"
            + " (message_end's metadata.reasoning); absent when the answer had none.")
    public static final String REASONING = "CamelDifyReasoning";

    @Metadata(label = "producer", javaType = "String", description = "Out: the document's indexing status when the call ended (upsertDocument,"
            + " awaitIndexing, and the document writes with waitForIndexing): completed after a wait.")
    public static final String INDEXING_STATUS = "CamelDifyIndexingStatus";

    @Metadata(label = "producer", javaType = "String", description = "Out: what upsertDocument did: created, updated (the content changed, the document is"
            + " indexed again) or unchanged (same content: nothing was written).")
    public static final String UPSERT_ACTION = "CamelDifyUpsertAction";

    @Metadata(label = "common", javaType = "String", description = "Out: the message id of the answer (chat, completion). In: the message an operation acts"
            + " on (messageFeedback, suggestedQuestions), overriding the option messageId.")
    public static final String MESSAGE_ID = "CamelDifyMessageId";

    @Metadata(label = "common", javaType = "String", description = "Out: the id of the generation task (chat, completion, workflowRun). In: the task to stop"
            + " (stop).")
    public static final String TASK_ID = "CamelDifyTaskId";

    @Metadata(label = "common", javaType = "String", description = "Out: the workflow run id (workflowRun, and chat on a Chatflow app). In: the run an"
            + " operation works on (workflowEvents, getWorkflowRun), overriding the option"
            + " workflowRunId.")
    public static final String WORKFLOW_RUN_ID = "CamelDifyWorkflowRunId";

    @Metadata(label = "producer", javaType = "String", description = "The workflow run's status (workflowRun, and chat on a Chatflow app): succeeded,"
            + " partial-succeeded, stopped or paused (a failed run fails the exchange instead).")
    public static final String WORKFLOW_STATUS = "CamelDifyWorkflowStatus";

    @Metadata(label = "producer", javaType = "Integer", description = "Prompt tokens used (chat, completion).")
    public static final String PROMPT_TOKENS = "CamelDifyPromptTokens";

    @Metadata(label = "producer", javaType = "Integer", description = "Completion tokens used (chat, completion).")
    public static final String COMPLETION_TOKENS = "CamelDifyCompletionTokens";

    @Metadata(label = "producer", javaType = "Long", description = "Total tokens used (chat, completion, workflowRun).")
    public static final String TOTAL_TOKENS = "CamelDifyTotalTokens";

    @Metadata(label = "producer", javaType = "java.math.BigDecimal", description = "Total price of the call (chat, completion), in CamelDifyCurrency.")
    public static final String TOTAL_PRICE = "CamelDifyTotalPrice";

    @Metadata(label = "producer", javaType = "String", description = "Currency of CamelDifyTotalPrice, e.g. USD.")
    public static final String CURRENCY = "CamelDifyCurrency";

    @Metadata(label = "producer", javaType = "Double", description = "Seconds Dify spent: model latency (chat, completion) or run time (workflowRun).")
    public static final String LATENCY = "CamelDifyLatency";

    @Metadata(label = "producer", javaType = "String", description = "Out: the id of the uploaded file (uploadFile); reference it as upload_file_id in"
            + " CamelDifyFiles. In: the file an operation reads (filePreview).")
    public static final String FILE_ID = "CamelDifyFileId";

    @Metadata(label = "producer", javaType = "Boolean", description = "List operations: whether Dify has more items after this page.")
    public static final String HAS_MORE = "CamelDifyHasMore";

    @Metadata(label = "producer", javaType = "String", description = "List operations: the cursor of the next page (last_id of listConversations, first_id of"
            + " listMessages, the next page number of page-numbered lists); send it back in"
            + " CamelDifyParameters under that name. Set only when Dify has more.")
    public static final String NEXT_CURSOR = "CamelDifyNextCursor";

    @Metadata(label = "producer", javaType = "String", description = "The Agent Knowledge Base of an agent knowledge"
            + " operation (agentKnowledgeQuery, createResearchTask, listAgentDocuments, ...), overriding the option"
            + " knowledgeBaseId: the last segment of the endpoint its API Access dialog shows"
            + " (.../knowledge-fs/spaces/<id>).")
    public static final String KNOWLEDGE_BASE_ID = "CamelDifyKnowledgeBaseId";

    @Metadata(label = "producer", javaType = "String", description = "createResearchTask, bulkDeleteAgentDocuments: the"
            + " Idempotency-Key (8 to 255 characters) by which Dify does the write once, however often it is sent. Without"
            + " it the component makes one per exchange and keeps it on the exchange, so its retries and Camel's"
            + " redeliveries send the same key; set it (e.g. from a message id) to make writes from different exchanges"
            + " one.")
    public static final String IDEMPOTENCY_KEY = "CamelDifyIdempotencyKey";

    @Metadata(label = "producer", javaType = "String", description = "agentKnowledgeQuery, runAgentQuery: the id of the"
            + " query record Dify saved (the x-query-run-id response header), to read back what the query retrieved.")
    public static final String QUERY_RUN_ID = "CamelDifyQueryRunId";

    @Metadata(label = "producer", javaType = "String", description = "In: the trace id to send with this exchange's calls"
            + " (X-Trace-Id: 1 to 128 characters of A-Z, a-z, 0-9, _ and -), overriding the option traceId, so that the"
            + " trace Dify records for the run (Langfuse, LangSmith, Opik, ... set up on the app) carries the id of the"
            + " caller's trace. Out (on answers and failed exchanges): the trace id of the call, as Dify's answer named it"
            + " or as it was sent (X-Trace-Id, or the trace id of a forwarded traceparent).")
    public static final String TRACE_ID = "CamelDifyTraceId";

    @Metadata(label = "producer", javaType = "String", description = "The trace session id to send with this exchange's"
            + " calls (X-Trace-Session-Id: 1 to 200 characters after trimming), overriding the option traceSessionId:"
            + " groups the runs of one user session in Dify's tracing.")
    public static final String TRACE_SESSION_ID = "CamelDifyTraceSessionId";

    @Metadata(label = "producer", javaType = "String", description = "Dify's version as its answer stated it (the"
            + " X-Version response header), on answers and on failed exchanges: which server answered, e.g. to tell"
            + " after an upgrade which version changed a behaviour.")
    public static final String SERVER_VERSION = "CamelDifyServerVersion";

    /**
     * The W3C Trace Context header Camel's tracing (camel-opentelemetry, camel-observation) puts on the message for
     * the current span: forwarded to Dify, which takes its trace id when no X-Trace-Id is sent.
     */
    public static final String TRACEPARENT = "traceparent";

    @Metadata(label = "producer", javaType = "String", description = "On a failed exchange: what kind of failure it is, one of rate_limit, server,"
            + " network_not_sent, network_after_send, timeout, validation (also bad input refused before sending),"
            + " auth, not_found, quota, provider, content. Route on it with onException(...).onWhen(header(...)),"
            + " e.g. dead-letter quota and validation at once and redeliver rate_limit later.")
    public static final String ERROR_CATEGORY = "CamelDifyErrorCategory";

    @Metadata(label = "producer", javaType = "Long", description = "On a failed exchange whose answer had a Retry-After: how long Dify or the gateway asked to"
            + " wait, in milliseconds (set when it was longer than retryMaxDelay, or retries were used up).")
    public static final String RETRY_AFTER = "CamelDifyRetryAfter";

    /**
     * Exchange property of Camel's AI components (Camel 4.23+) set on a failed exchange too, so one error handler
     * serves dify: and camel-openai / langchain4j routes alike: RATE_LIMIT, SERVER_ERROR, VALIDATION, AUTH or UNKNOWN.
     */
    public static final String AI_ERROR_CATEGORY = "CamelAiErrorCategory";

    /** Exchange property of Camel's AI components: the server's Retry-After in milliseconds, when it sent one. */
    public static final String AI_RETRY_AFTER_MILLIS = "CamelAiRetryAfterMillis";

    // ---- consumer ----

    @Metadata(label = "consumer", javaType = "String", description = "The event's name, e.g. message, node_finished or workflow_finished.")
    public static final String EVENT = "CamelDifyEvent";

    @Metadata(label = "consumer", javaType = "Long", description = "The event's position in its stream, from 0.")
    public static final String EVENT_INDEX = "CamelDifyEventIndex";

    @Metadata(label = "consumer", javaType = "String", description = "dify:events: the exchange id of the producer exchange whose stream the event belongs to, to"
            + " tell concurrent streams apart and to correlate events with the request.")
    public static final String CORRELATION_ID = "CamelDifyCorrelationId";

    private DifyConstants() {
    }
}
