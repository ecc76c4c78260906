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

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of a Dify endpoint; the component holds one as the defaults every endpoint copies. */
@UriParams
public class DifyConfiguration implements Cloneable {

    @UriParam(defaultValue = "https://api.dify.ai/v1", description = "The Dify Service API root, including the /v1 suffix: https://api.dify.ai/v1 for Dify Cloud,"
            + " or http(s)://your-host/v1 for a self-hosted Dify.")
    private String baseUrl = "https://api.dify.ai/v1";

    @UriParam(label = "security", secret = true, description = "The API key sent as the bearer token. App operations (chat, completion, workflowRun,"
            + " uploadFile, conversations, messages, annotations, audio, ...) need the app's key"
            + " (app-...); knowledge operations (retrieve, datasets, documents, chunks, tags, metadata,"
            + " pipelines) need a knowledge key (dataset-...); the reference lists the key of each"
            + " operation. The header CamelDifyApiKey overrides it per exchange, so one route can serve"
            + " many apps or tenants. Never printed in logs or endpoint URIs.")
    private String apiKey;

    @UriParam(defaultValue = "camel-dify", description = "The end-user id sent to Dify. Dify scopes conversations, messages and uploaded files to"
            + " it: a conversation started for one user is not visible to another (404). Set it per"
            + " exchange with the header CamelDifyUser when the route serves several end users.")
    private String user = "camel-dify";

    @UriParam(label = "producer", defaultValue = "aggregate", enums = "aggregate,blocking,events,batches,detachedDrain,"
            + "detachedClose", description = "How the answer of a generation (chat, completion, workflowRun,"
                    + " runPipeline, runDatasourceNode, workflowEvents) reaches the route. aggregate (default): Dify streams"
                    + " its events and the producer folds them into one result; it works with Agent apps (which reject"
                    + " blocking) and survives gateways that cut long silent requests (about 100 s on Dify Cloud). blocking:"
                    + " one JSON response when generation is done. events: the body is a lazy, closeable Iterator of typed"
                    + " events (DifyStreamEvent subclasses), for .split(body()).streaming(): each event becomes an exchange"
                    + " as it arrives, a slow route slows the reading, closing early stops the task on Dify. batches: the"
                    + " same, each element a List of the events that had arrived when the split asked for more (at least"
                    + " one, at most eventBufferSize), for routes that handle many events per second. detachedDrain: the"
                    + " exchange goes on as soon as Dify named the task, with the ids in the body (task_id, workflow_run_id,"
                    + " conversation_id, message_id) and the headers CamelDifyTaskId, CamelDifyWorkflowRunId,"
                    + " CamelDifyConversationId, CamelDifyMessageId; the rest of the stream is read and discarded in the"
                    + " background (no thread held), the run is never stopped; follow it with workflowEvents or"
                    + " getWorkflowRun. detachedClose: the same, but the connection is closed at once; Workflow and Chatflow"
                    + " runs go on in Dify's worker, a Chatbot, Agent or Text Generator answer may end with the connection,"
                    + " so use detachedDrain for those. Replaces responseMode, streamMode and detach, which it overrides.")
    private DifyDelivery delivery;

    @UriParam(label = "producer,advanced", description = "Binary answers (filePreview, textToAudio,"
            + " downloadDocumentsZip). false (default): the body is a Camel StreamCache, as camel-http hands it:"
            + " readable after the exchange (ProducerTemplate.requestBody) and more than once, in memory up to the"
            + " stream caching spool threshold and in a temporary file past it when spooling is enabled (deleted when"
            + " the body is closed); the exchange goes on once the whole answer has arrived. true: the raw InputStream"
            + " while the bytes still arrive, with back-pressure, closed when the exchange completes: for a route that"
            + " passes a large file on without keeping it.")
    private boolean disableStreamCache;

    @UriParam(label = "producer,advanced", defaultValue = "streaming", enums = "streaming,blocking", description = "Deprecated, use delivery (blocking is delivery=blocking): how chat, completion and workflowRun ask Dify to answer."
            + " streaming (default): Server-Sent Events folded into one result. blocking: one JSON response when"
            + " generation is done. Ignored when delivery is set.")
    @Deprecated
    private DifyResponseMode responseMode = DifyResponseMode.streaming;

    @UriParam(label = "producer", description = "The conversation to continue (chat). Empty starts a new conversation; Dify returns its id"
            + " in the header CamelDifyConversationId, which the next exchange sends back with the"
            + " header of the same name.")
    private String conversationId;

    @UriParam(label = "producer", prefix = "inputs.", multiValue = true, description = "Values for the app's input variables (the names in the app's user input form), as a Map"
            + " or on the URI as inputs.name=value. A Map body (workflowRun, completion) and the header"
            + " CamelDifyInputs add to these and win on the same name.")
    private Map<String, Object> inputs;

    @UriParam(label = "producer", description = "The message an operation acts on (messageFeedback, suggestedQuestions). The header"
            + " CamelDifyMessageId overrides it.")
    private String messageId;

    @UriParam(label = "producer", description = "List operations: how many items one page holds (Dify's default is 20, at most 100).")
    private Integer limit;

    @UriParam(label = "producer", defaultValue = "false", description = "List operations: the body becomes a lazy Iterator over the items of all pages instead of"
            + " one page Map, for .split(body()).streaming(). The next page is fetched while the route"
            + " works through the current one; the headers CamelDifyParameters (start cursor, filters)"
            + " and the option limit (page size) still apply. listMessages goes backward: newest page"
            + " first, oldest message first within each page. The iteration stops when Dify answers a cursor it"
            + " already gave (a server loop), and fails past allPagesMaxItems items.")
    private boolean allPages;

    @UriParam(label = "producer,advanced", defaultValue = "10000", description = "With allPages: the most items the"
            + " iterator reads; past it, reading the next item fails with an error that names this option, so a"
            + " route never loops for ever on a list that does not end. Raise it for a longer list, or filter it"
            + " with CamelDifyParameters.")
    private int allPagesMaxItems = 10_000;

    @UriParam(label = "producer", defaultValue = "true", description = "Whether Dify generates a title for a new conversation after the first answer (chat).")
    private boolean autoGenerateName = true;

    @UriParam(label = "producer", description = "Run a specific published workflow version (workflowRun: POST /workflows/{id}/run; chat:"
            + " Chatflow apps only). Empty runs the latest published version.")
    private String workflowId;

    @UriParam(label = "producer", description = "The knowledge base a knowledge operation works on (retrieve, getDataset, the document,"
            + " chunk, metadata, tag binding and pipeline operations). The header CamelDifyDatasetId"
            + " overrides it.")
    private String datasetId;

    @UriParam(label = "producer,knowledge", defaultValue = "false", description = "The document writes"
            + " (createDocumentByText, createDocumentByFile, updateDocumentByText, updateDocumentByFile, and"
            + " upsertDocument) wait until Dify has indexed the document before the exchange goes on, so what follows"
            + " can search it; a failed indexing fails the exchange with Dify's error text (code indexing_failed), a"
            + " wait past indexingTimeout with indexing_timeout. No thread waits meanwhile. It also checks, once per"
            + " knowledge base, that the knowledge base takes documents of the document API (not a knowledge"
            + " pipeline).")
    private boolean waitForIndexing;

    @UriParam(label = "producer,knowledge", defaultValue = "600000", description = "How long waitForIndexing and"
            + " awaitIndexing wait for an indexing to finish, in milliseconds.")
    private long indexingTimeout = 600_000;

    @UriParam(label = "producer,knowledge", defaultValue = "1000", description = "The first pause between two polls of"
            + " the indexing status, in milliseconds; each next pause doubles, up to indexingMaxPollInterval.")
    private long indexingPollInterval = 1000;

    @UriParam(label = "producer,knowledge", defaultValue = "15000", description = "The longest pause between two polls"
            + " of the indexing status, in milliseconds.")
    private long indexingMaxPollInterval = 15_000;

    @UriParam(label = "producer,knowledge", description = "upsertDocument matches the existing document by this"
            + " metadata field (created as a string field when missing) and the header CamelDifyUpsertMatchValue,"
            + " instead of by name: use it when names are not unique or change. Without it, documents are matched by"
            + " name.")
    private String upsertMatchField;

    @UriParam(label = "producer", description = "The document to act on (Knowledge API document and chunk operations). The header"
            + " CamelDifyDocumentId overrides it.")
    private String documentId;

    @UriParam(label = "producer", description = "How many chunks retrieve returns at most. Setting any of topK, searchMethod, scoreThreshold"
            + " or rerankingEnable sends a retrieval model (Dify's defaults fill the rest: semantic"
            + " search, top 4, no reranking); setting none uses the knowledge base's own settings.")
    private Integer topK;

    @UriParam(label = "producer", description = "The retrieval method of retrieve: semantic_search, full_text_search, hybrid_search or"
            + " keyword_search.")
    private DifySearchMethod searchMethod;

    @UriParam(label = "producer", description = "The lowest relevance score a retrieved chunk may have (retrieve); setting it enables the"
            + " score threshold.")
    private Double scoreThreshold;

    @UriParam(label = "producer", description = "Whether retrieve reranks the chunks with the knowledge base's rerank model.")
    private Boolean rerankingEnable;

    @UriParam(label = "producer", defaultValue = "false", description = "Return the full typed Dify response as the body instead of the plain result: MessageResult"
            + " (chat, completion), WorkflowRunResult (workflowRun), UploadedFile (uploadFile),"
            + " RetrieveResult (retrieve). Use it when a route needs fields that no header carries.")
    private boolean fullResponse;

    @UriParam(label = "producer,advanced", defaultValue = "aggregate", enums = "aggregate,events,batches", description = "Deprecated, use delivery (the same values): how a streamed answer reaches the route."
            + " Ignored when delivery is set.")
    @Deprecated
    private DifyStreamMode streamMode = DifyStreamMode.aggregate;

    @UriParam(label = "producer,advanced", defaultValue = "none", enums = "none,drain,close", description = "Deprecated, use"
            + " delivery (drain is delivery=detachedDrain, close is delivery=detachedClose): whether a streamed run"
            + " returns as soon as Dify named the task. Ignored when delivery is set.")
    @Deprecated
    private DifyDetachMode detach = DifyDetachMode.none;

    @UriParam(label = "producer", description = "triggerWebhook: the URL of a workflow's webhook trigger (Dify 1.10+), as"
            + " Dify shows it on the webhook trigger node: http(s)://<dify host>/triggers/webhook/<id>. It needs no"
            + " key. The header CamelDifyWebhookUrl overrides it.")
    private String webhookUrl;

    @UriParam(label = "producer", defaultValue = "false", description = "triggerWebhook: after the call, find the run"
            + " it started in the workflow logs (apiKey must then be the Workflow app's key) and name it in the header"
            + " CamelDifyWorkflowRunId, waiting up to requestTimeout for it to show.")
    private boolean findTriggeredRun;

    @UriParam(label = "producer", defaultValue = "false", description = "chat and completion: take what reasoning"
            + " models (DeepSeek-R1, QwQ, ...) write between <think> and </think> out of the answer. The body is the"
            + " answer alone and the header CamelDifyReasoning the reasoning (with fullResponse the MessageResult keeps"
            + " Dify's text). With streamMode=events, message events carry only answer text and the reasoning comes as"
            + " reasoning_chunk events just before them, as when Dify separates reasoning itself; a tag split across"
            + " events is still found.")
    private boolean separateReasoning;

    @UriParam(label = "common,advanced", defaultValue = "64", description = "With delivery=events or batches, and in"
            + " the workflowEvents consumer: how many decoded events may wait for the route before the connection"
            + " stops reading from Dify (with batches, also the largest list).")
    private int eventBufferSize = 64;

    @UriParam(label = "common", description = "The workflow run an operation works on (workflowEvents follows it, getWorkflowRun reads"
            + " it); required by the workflowEvents consumer. The header CamelDifyWorkflowRunId"
            + " overrides it for the producer.")
    private String workflowRunId;

    @UriParam(label = "common", defaultValue = "false", description = "workflowEvents, producer and consumer: first"
            + " replay the status of the nodes the run already executed (include_state_snapshot), then stream new"
            + " events. The consumer always asks for it when it reconnects.")
    private boolean includeStateSnapshot;

    @UriParam(label = "common", defaultValue = "false", description = "workflowEvents, producer and consumer: keep the"
            + " stream open across workflow_paused events (continue_on_pause), for runs with several Human Input nodes;"
            + " by default the stream ends at the first pause.")
    private boolean continueOnPause;

    @UriParam(label = "producer", defaultValue = "chat", description = "stop: which kind of task to stop: chat (Chatbot, Agent and Chatflow apps), completion or"
            + " workflow. The task id comes from the header CamelDifyTaskId.")
    private DifyTaskType taskType = DifyTaskType.chat;

    @UriParam(label = "producer", description = "The Agent Knowledge Base the agent knowledge operations act on"
            + " (agentKnowledgeQuery, createResearchTask, listAgentDocuments, ...): the last segment of the endpoint its"
            + " API Access dialog shows (.../knowledge-fs/spaces/<id>). The header CamelDifyKnowledgeBaseId overrides"
            + " it. Takes a knowledge (dataset) API key.")
    private String knowledgeBaseId;

    @UriParam(label = "producer", enums = "auto,fast,deep,research", description = "agentKnowledgeQuery: the retrieval"
            + " depth when the body does not set mode: fast (a digest of the retrieved chunks; start here), deep (a"
            + " wider, slower search), research (an answer Dify writes from them), auto (Dify decides). Unset: Dify's"
            + " default.")
    private String agentQueryMode;

    @UriParam(label = "producer", description = "A trace id sent with every call (X-Trace-Id: 1 to 128 characters of"
            + " A-Z, a-z, 0-9, _ and -) so that Dify's trace of the run carries it; the header CamelDifyTraceId"
            + " overrides it. Without either, a traceparent header on the message (Camel's tracing puts the current"
            + " span's there) is forwarded and Dify takes its trace id.")
    private String traceId;

    @UriParam(label = "producer", description = "A trace session id sent with every call (X-Trace-Session-Id: 1 to 200"
            + " characters after trimming), grouping a user session's runs in Dify's tracing; the header"
            + " CamelDifyTraceSessionId overrides it.")
    private String traceSessionId;

    @UriParam(label = "producer", defaultValue = "false", description = "stop: after Dify answers the stop, check that"
            + " the run reached a terminal status (stopped, succeeded, failed, partial-succeeded) by reading it with"
            + " GET /workflows/run/{id}, up to stopVerifyTimeout; the exchange fails with code stop_not_effective and"
            + " the status still seen when it did not, and the header CamelDifyWorkflowStatus carries the status when"
            + " it did. Dify can answer a stop with success while the run goes on. Needs the run's id: the header"
            + " CamelDifyWorkflowRunId or the option workflowRunId (Workflow and Chatflow runs).")
    private boolean verifyStop;

    @UriParam(label = "producer,advanced", defaultValue = "10000", javaType = "java.time.Duration", description = "stop"
            + " with verifyStop: how long to wait for the run to reach a terminal status.")
    private long stopVerifyTimeout = 10_000;

    @UriParam(label = "producer", description = "getHumanInputForm, submitHumanInputForm: the form token from the human_input_required event."
            + " The header CamelDifyFormToken overrides it.")
    private String formToken;

    @UriParam(label = "consumer", description = "The event names a consumer delivers, comma separated (e.g. message,workflow_finished);"
            + " empty delivers every event, including names this version does not know.")
    private String eventTypes;

    @UriParam(label = "consumer", defaultValue = "1000", description = "dify:events: how many events may wait for the consumer's route. When it is full, the"
            + " producers' streams wait (overflowPolicy=wait) or fail (fail).")
    private int eventQueueSize = 1000;

    @UriParam(label = "consumer", defaultValue = "wait", description = "dify:events: what a stream does when the consumer's queue is full: wait (stop reading from"
            + " Dify until the route catches up) or fail (fail the stream, and so its producer"
            + " exchange).")
    private DifyOverflowPolicy overflowPolicy = DifyOverflowPolicy.wait;

    @UriParam(label = "consumer", defaultValue = "1000", javaType = "java.time.Duration", description = "dify:workflowEvents consumer: the pause before reconnecting when the connection dropped"
            + " before the run's terminal event.")
    private long reconnectDelay = 1000;

    @UriParam(label = "consumer,advanced", javaType = "java.time.Duration", description = "Deprecated, use delay:"
            + " dify:workflowRuns: the pause between two reads of the workflow logs. dify:workflowRuns is a scheduled"
            + " poll consumer: Camel's delay (default 5 s for it), initialDelay, backoff* and scheduler options apply;"
            + " this option only sets delay when delay is not given.")
    @Deprecated
    private Long pollInterval;

    @UriParam(label = "consumer", description = "dify:workflowRuns: the run statuses to deliver, comma separated"
            + " (succeeded, failed, stopped, partial-succeeded); empty delivers every finished run.")
    private String runStatus;

    @UriParam(label = "consumer", description = "dify:workflowRuns: who started the runs to deliver, comma separated, as"
            + " the logs' triggered_from says it (app-run for the Service API, webhook, schedule, plugin, debugging);"
            + " empty delivers all. Runs started by Dify's own triggers appear only here.")
    private String triggeredFrom;

    @UriParam(label = "consumer", defaultValue = "false", description = "dify:workflowRuns: also read each run's"
            + " detail (GET /workflows/run/{id}: inputs, outputs, error) and deliver it as the body instead of the log"
            + " entry.")
    private boolean fetchRunDetail;

    @UriParam(label = "common", description = "A Camel IdempotentRepository (e.g. a JDBC, Infinispan, Redis or file"
            + " one). dify:workflowRuns remembers the delivered runs in it, so that no run is delivered twice across"
            + " restarts or a fail-over to another instance (run the route as a master: route and share the repository);"
            + " the consumer then starts reading from lookback before its start, and none finished while it was down is"
            + " missed. Without it, delivered runs are remembered in memory and reading starts at the consumer's start."
            + " upsertDocument claims the document in it while it writes it, so that instances sharing the repository"
            + " write the same document one after the other and a new one is created once; without it, two upserts of"
            + " the same new document at the same moment can both create it.")
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;

    @UriParam(label = "producer,knowledge", defaultValue = "600000", javaType = "java.time.Duration", description = "upsertDocument with an idempotentRepository: how long an upsert waits (without holding a thread) for"
            + " the claim another instance holds on the same document; then it takes the claim over, with a warning, as"
            + " its instance stopped while writing. Keep it above the longest write, indexing included.")
    private long upsertClaimTimeout = 600_000L;

    @UriParam(label = "consumer", defaultValue = "86400000", javaType = "java.time.Duration", description = "dify:workflowRuns"
            + " with an idempotentRepository: how far before its start the consumer reads the logs, to catch the runs"
            + " that finished while it was down.")
    private long lookback = 86_400_000L;

    @UriParam(label = "consumer", defaultValue = "/dify/external-knowledge", description = "dify:externalKnowledge: the"
            + " path of the endpoint to register in Dify as an external knowledge API (Dify appends /retrieval);"
            + " served by the HTTP server of httpServerComponent (by default platform-http, with an HTTP server, e.g."
            + " camel-platform-http-main or Spring Boot's).")
    private String externalKnowledgePath = "/dify/external-knowledge";

    @UriParam(label = "consumer", defaultValue = "/dify/extension", description = "dify:extension: the path of the"
            + " endpoint to register in Dify as an API-based extension (Settings, API Extension); served by"
            + " the HTTP server of httpServerComponent.")
    private String extensionPath = "/dify/extension";

    @UriParam(label = "consumer", description = "dify:externalKnowledge and dify:extension: the Camel component that"
            + " serves the endpoint Dify calls, one that implements Camel's RestConsumerFactory (platform-http,"
            + " netty-http, jetty, undertow, servlet, ...). Unset: the component of the REST configuration"
            + " (restConfiguration().component(...)), else platform-http, else the only such component there is.")
    private String httpServerComponent;

    @UriParam(label = "consumer", defaultValue = "1048576", description = "dify:externalKnowledge and dify:extension:"
            + " the largest request body accepted, in bytes. A larger request is answered 413 before the route: by its"
            + " Content-Length when it has one, else after reading one byte more than this, and nothing beyond"
            + " (platform-http on Vert.x pauses the socket). Dify's requests are small JSON documents.")
    private int maxRequestSize = 1024 * 1024;

    @UriParam(label = "consumer", description = "dify:externalKnowledge: the knowledge ids (Dify's External Knowledge"
            + " ID) this endpoint serves, comma separated; a request for another gets Dify's error 2001. Empty serves"
            + " any: the route reads the header CamelDifyKnowledgeId.")
    private String knowledgeIds;

    @UriParam(label = "consumer", defaultValue = "10", description = "dify:workflowEvents consumer: how many times to reconnect to one run before giving up"
            + " (the failure then goes to the consumer's exception handler).")
    private int maxReconnectAttempts = 10;

    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration", description = "How long to wait for the TCP and TLS connection to Dify. A connect timeout means the request"
            + " never reached Dify, so it is safe to retry.")
    private long connectTimeout = 30_000;

    @UriParam(label = "advanced", defaultValue = "600000", javaType = "java.time.Duration", description = "The longest silence allowed on an open connection: waiting for a blocking answer, or"
            + " between bytes of a response. A read timeout means Dify may have run (and billed) the"
            + " request, so retrying can run it twice. Keep it above Dify's 10 s ping interval.")
    private long requestTimeout = 600_000;

    @UriParam(label = "advanced", defaultValue = "300000", javaType = "java.time.Duration", description = "The longest a stream may go without an event. Dify's keep-alive pings do not count: a run"
            + " that only pings is stalled. The exchange then fails with the answer so far and the"
            + " ids (DifyException.getProgress). 0 disables the check.")
    private long streamIdleTimeout = 300_000;

    @UriParam(label = "advanced", defaultValue = "60000", javaType = "java.time.Duration", description = "How long a call may wait for a free pooled connection when all of the component's"
            + " maxConnections are in use (each running stream holds one). The call then fails with"
            + " code timeout before anything was sent, so it is safe to retry; raise the component's"
            + " maxConnections if this happens under normal load. 0 waits without limit.")
    private long connectionRequestTimeout = 60_000;

    @UriParam(label = "producer,reliability", description = "How many times a failed call is sent again before the"
            + " exchange fails. Only failures that may pass are retried: a request that never left, a rate limit"
            + " (429, Dify's 400 Too many requests), a gateway's 502/503/504, and for idempotent operations (reads,"
            + " stop, updates and deletes by id) a connection lost after sending; never quota, provider, validation,"
            + " auth or not-found errors, and never once a stream event arrived. Empty means 2 for every operation"
            + " except generations (chat, completion, workflowRun, runPipeline, runDatasourceNode), which are not"
            + " retried unless retryGenerations=true. Set 0 when Camel's error handler (onException"
            + " maximumRedeliveries) owns retries, so the two do not multiply.")
    private Integer maxRetries;

    @UriParam(label = "producer,reliability", defaultValue = "false", description = "Whether generations (chat,"
            + " completion, workflowRun, runPipeline, runDatasourceNode) may be sent again after a failure that"
            + " happened before Dify started them (not sent, rate limit, 502/503/504 before any event). Off by default:"
            + " a generation that did start is billed, and is never sent again either way.")
    private boolean retryGenerations;

    @UriParam(label = "producer,reliability", defaultValue = "500", description = "The pause before the first retry,"
            + " in milliseconds; each further retry doubles it (with jitter, up to retryMaxDelay). A Retry-After sent"
            + " by Dify or a gateway replaces it.")
    private long retryBackoff = 500;

    @UriParam(label = "producer,reliability", defaultValue = "30000", description = "The longest pause before a"
            + " retry, in milliseconds. A Retry-After longer than this is not waited for: the exchange fails at once,"
            + " with the header CamelDifyRetryAfter, for a route to redeliver later.")
    private long retryMaxDelay = 30_000;

    @UriParam(label = "advanced", defaultValue = "8388608", description = "The largest single stream event, in bytes. Guards the heap against a stream that never"
            + " ends a frame; workflow node events with large outputs may need more.")
    private int maxFrameSize = 8 * 1024 * 1024;

    @UriParam(label = "advanced", defaultValue = "33554432", description = "The largest non-streamed JSON response kept in memory, in bytes.")
    private int maxResponseSize = 32 * 1024 * 1024;

    @UriParam(label = "security", description = "TLS settings (trust store, key store, protocols) for the connection to Dify. Without them"
            + " the JVM's default trust store is used.")
    private SSLContextParameters sslContextParameters;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public boolean isDisableStreamCache() {
        return disableStreamCache;
    }

    public void setDisableStreamCache(boolean disableStreamCache) {
        this.disableStreamCache = disableStreamCache;
    }

    public DifyDelivery getDelivery() {
        return delivery;
    }

    public void setDelivery(DifyDelivery delivery) {
        this.delivery = delivery;
    }

    /**
     * The delivery in effect: the option delivery, else what the deprecated responseMode, streamMode and detach say.
     *
     * @throws IllegalArgumentException the deprecated options contradict each other
     */
    public DifyDelivery resolveDelivery() {
        if (delivery != null) {
            return delivery;
        }
        boolean blocking = responseMode == DifyResponseMode.blocking;
        if (detach != null && detach != DifyDetachMode.none) {
            if (blocking) {
                throw new IllegalArgumentException("detach=" + detach + " needs responseMode=streaming: a blocking"
                        + " answer comes whole (use delivery=detached"
                        + (detach == DifyDetachMode.drain ? "Drain" : "Close")
                        + ")");
            }
            if (streamMode != null && streamMode != DifyStreamMode.aggregate) {
                throw new IllegalArgumentException("detach=" + detach + " returns before the events: use"
                        + " streamMode=aggregate, and workflowEvents to follow the run (or delivery=detached"
                        + (detach == DifyDetachMode.drain ? "Drain" : "Close") + ")");
            }
            return detach == DifyDetachMode.drain ? DifyDelivery.detachedDrain : DifyDelivery.detachedClose;
        }
        if (streamMode != null && streamMode != DifyStreamMode.aggregate) {
            if (blocking) {
                throw new IllegalArgumentException("streamMode=" + streamMode + " needs responseMode=streaming: a"
                        + " blocking answer has no events (use delivery=" + streamMode + ")");
            }
            return streamMode == DifyStreamMode.batches ? DifyDelivery.batches : DifyDelivery.events;
        }
        return blocking ? DifyDelivery.blocking : DifyDelivery.aggregate;
    }

    @Deprecated
    public DifyResponseMode getResponseMode() {
        return responseMode;
    }

    @Deprecated
    public void setResponseMode(DifyResponseMode responseMode) {
        this.responseMode = responseMode;
    }

    public String getConversationId() {
        return conversationId;
    }

    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    public Map<String, Object> getInputs() {
        return inputs;
    }

    public void setInputs(Map<String, Object> inputs) {
        this.inputs = inputs;
    }

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public boolean isAllPages() {
        return allPages;
    }

    public void setAllPages(boolean allPages) {
        this.allPages = allPages;
    }

    public int getAllPagesMaxItems() {
        return allPagesMaxItems;
    }

    public void setAllPagesMaxItems(int allPagesMaxItems) {
        this.allPagesMaxItems = allPagesMaxItems;
    }

    public Integer getLimit() {
        return limit;
    }

    public void setLimit(Integer limit) {
        this.limit = limit;
    }

    public boolean isAutoGenerateName() {
        return autoGenerateName;
    }

    public void setAutoGenerateName(boolean autoGenerateName) {
        this.autoGenerateName = autoGenerateName;
    }

    public String getWorkflowId() {
        return workflowId;
    }

    public void setWorkflowId(String workflowId) {
        this.workflowId = workflowId;
    }

    public String getDatasetId() {
        return datasetId;
    }

    public void setDatasetId(String datasetId) {
        this.datasetId = datasetId;
    }

    public String getDocumentId() {
        return documentId;
    }

    public void setDocumentId(String documentId) {
        this.documentId = documentId;
    }

    public Integer getTopK() {
        return topK;
    }

    public void setTopK(Integer topK) {
        this.topK = topK;
    }

    public DifySearchMethod getSearchMethod() {
        return searchMethod;
    }

    public void setSearchMethod(DifySearchMethod searchMethod) {
        this.searchMethod = searchMethod;
    }

    public Double getScoreThreshold() {
        return scoreThreshold;
    }

    public void setScoreThreshold(Double scoreThreshold) {
        this.scoreThreshold = scoreThreshold;
    }

    public Boolean getRerankingEnable() {
        return rerankingEnable;
    }

    public void setRerankingEnable(Boolean rerankingEnable) {
        this.rerankingEnable = rerankingEnable;
    }

    public boolean isFullResponse() {
        return fullResponse;
    }

    public void setFullResponse(boolean fullResponse) {
        this.fullResponse = fullResponse;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    public void setStreamIdleTimeout(long streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public long getConnectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    public void setConnectionRequestTimeout(long connectionRequestTimeout) {
        this.connectionRequestTimeout = connectionRequestTimeout;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public boolean isRetryGenerations() {
        return retryGenerations;
    }

    public void setRetryGenerations(boolean retryGenerations) {
        this.retryGenerations = retryGenerations;
    }

    public long getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(long retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    public int getMaxFrameSize() {
        return maxFrameSize;
    }

    public void setMaxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    public int getMaxResponseSize() {
        return maxResponseSize;
    }

    public void setMaxResponseSize(int maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    @Deprecated
    public DifyStreamMode getStreamMode() {
        return streamMode;
    }

    @Deprecated
    public void setStreamMode(DifyStreamMode streamMode) {
        this.streamMode = streamMode;
    }

    public int getEventBufferSize() {
        return eventBufferSize;
    }

    public void setEventBufferSize(int eventBufferSize) {
        this.eventBufferSize = eventBufferSize;
    }

    public String getWorkflowRunId() {
        return workflowRunId;
    }

    public void setWorkflowRunId(String workflowRunId) {
        this.workflowRunId = workflowRunId;
    }

    public boolean isIncludeStateSnapshot() {
        return includeStateSnapshot;
    }

    public void setIncludeStateSnapshot(boolean includeStateSnapshot) {
        this.includeStateSnapshot = includeStateSnapshot;
    }

    public boolean isContinueOnPause() {
        return continueOnPause;
    }

    public void setContinueOnPause(boolean continueOnPause) {
        this.continueOnPause = continueOnPause;
    }

    public DifyTaskType getTaskType() {
        return taskType;
    }

    public String getKnowledgeBaseId() {
        return knowledgeBaseId;
    }

    public void setKnowledgeBaseId(String knowledgeBaseId) {
        this.knowledgeBaseId = knowledgeBaseId;
    }

    public String getAgentQueryMode() {
        return agentQueryMode;
    }

    public void setAgentQueryMode(String agentQueryMode) {
        this.agentQueryMode = agentQueryMode;
    }

    public String getTraceId() {
        return traceId;
    }

    public void setTraceId(String traceId) {
        this.traceId = traceId;
    }

    public String getTraceSessionId() {
        return traceSessionId;
    }

    public void setTraceSessionId(String traceSessionId) {
        this.traceSessionId = traceSessionId;
    }

    public boolean isVerifyStop() {
        return verifyStop;
    }

    public void setVerifyStop(boolean verifyStop) {
        this.verifyStop = verifyStop;
    }

    public long getStopVerifyTimeout() {
        return stopVerifyTimeout;
    }

    public void setStopVerifyTimeout(long stopVerifyTimeout) {
        this.stopVerifyTimeout = stopVerifyTimeout;
    }

    public void setTaskType(DifyTaskType taskType) {
        this.taskType = taskType;
    }

    public String getFormToken() {
        return formToken;
    }

    public void setFormToken(String formToken) {
        this.formToken = formToken;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public int getEventQueueSize() {
        return eventQueueSize;
    }

    public void setEventQueueSize(int eventQueueSize) {
        this.eventQueueSize = eventQueueSize;
    }

    public DifyOverflowPolicy getOverflowPolicy() {
        return overflowPolicy;
    }

    public void setOverflowPolicy(DifyOverflowPolicy overflowPolicy) {
        this.overflowPolicy = overflowPolicy;
    }

    public long getReconnectDelay() {
        return reconnectDelay;
    }

    public void setReconnectDelay(long reconnectDelay) {
        this.reconnectDelay = reconnectDelay;
    }

    public int getMaxReconnectAttempts() {
        return maxReconnectAttempts;
    }

    public void setMaxReconnectAttempts(int maxReconnectAttempts) {
        this.maxReconnectAttempts = maxReconnectAttempts;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    /** A copy for one endpoint; the inputs map is copied so endpoints never share it. */
    public DifyConfiguration copy() {
        try {
            DifyConfiguration copy = (DifyConfiguration) clone();
            copy.inputs = inputs == null ? null : new LinkedHashMap<>(inputs);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /**
     * Checks the options before anything is sent: each problem names the option and its valid values.
     *
     * @throws IllegalArgumentException an option is out of range or malformed
     */
    public void validate() {
        checkBaseUrl(baseUrl);
        atLeast("indexingTimeout", indexingTimeout, 1);
        atLeast("indexingPollInterval", indexingPollInterval, 1);
        if (indexingMaxPollInterval < indexingPollInterval) {
            throw new IllegalArgumentException("The option indexingMaxPollInterval is " + indexingMaxPollInterval
                    + ": it must be at least indexingPollInterval (" + indexingPollInterval + ")");
        }
        if (apiKey != null && hasControlCharacter(apiKey)) {
            throw new IllegalArgumentException("The option apiKey contains a control character (CR, LF, tab, ...):"
                    + " copy the key again without line breaks");
        }
        atLeast("topK", topK, 1);
        atLeast("limit", limit, 1);
        if (limit != null && limit > 100) {
            throw new IllegalArgumentException("The option limit is " + limit + ": Dify pages hold 1 to 100 items");
        }
        if (scoreThreshold != null && (scoreThreshold < 0 || scoreThreshold > 1)) {
            throw new IllegalArgumentException("The option scoreThreshold is " + scoreThreshold
                    + ": it is a relevance score from 0 to 1");
        }
        atLeast("maxRetries", maxRetries, 0);
        atLeast("eventBufferSize", eventBufferSize, 1);
        atLeast("maxFrameSize", maxFrameSize, 1);
        atLeast("maxResponseSize", maxResponseSize, 1);
        atLeast("connectTimeout", connectTimeout, 0);
        atLeast("requestTimeout", requestTimeout, 0);
        atLeast("streamIdleTimeout", streamIdleTimeout, 0);
        atLeast("connectionRequestTimeout", connectionRequestTimeout, 0);
        atLeast("retryBackoff", retryBackoff, 0);
        atLeast("retryMaxDelay", retryMaxDelay, 0);
    }

    private static void checkBaseUrl(String url) {
        java.net.URI uri = null;
        try {
            uri = url == null ? null : new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("The option baseUrl is '" + url + "': it must be an http or https URL"
                    + " of Dify's Service API root, e.g. https://api.dify.ai/v1 or http://dify.internal/v1");
        }
    }

    private static void atLeast(String option, Number value, long minimum) {
        if (value != null && value.longValue() < minimum) {
            throw new IllegalArgumentException("The option " + option + " is " + value + ": it must be " + minimum
                    + " or more");
        }
    }

    /** Whether {@code value} holds a character an HTTP header cannot carry (CR and LF would split it). */
    public static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    public boolean isWaitForIndexing() {
        return waitForIndexing;
    }

    public void setWaitForIndexing(boolean waitForIndexing) {
        this.waitForIndexing = waitForIndexing;
    }

    public long getIndexingTimeout() {
        return indexingTimeout;
    }

    public void setIndexingTimeout(long indexingTimeout) {
        this.indexingTimeout = indexingTimeout;
    }

    public long getIndexingPollInterval() {
        return indexingPollInterval;
    }

    public void setIndexingPollInterval(long indexingPollInterval) {
        this.indexingPollInterval = indexingPollInterval;
    }

    public long getIndexingMaxPollInterval() {
        return indexingMaxPollInterval;
    }

    public void setIndexingMaxPollInterval(long indexingMaxPollInterval) {
        this.indexingMaxPollInterval = indexingMaxPollInterval;
    }

    public String getUpsertMatchField() {
        return upsertMatchField;
    }

    public void setUpsertMatchField(String upsertMatchField) {
        this.upsertMatchField = upsertMatchField;
    }

    @Deprecated
    public DifyDetachMode getDetach() {
        return detach;
    }

    @Deprecated
    public void setDetach(DifyDetachMode detach) {
        this.detach = detach;
    }

    public boolean isSeparateReasoning() {
        return separateReasoning;
    }

    public void setSeparateReasoning(boolean separateReasoning) {
        this.separateReasoning = separateReasoning;
    }

    @Deprecated
    public Long getPollInterval() {
        return pollInterval;
    }

    @Deprecated
    public void setPollInterval(Long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public String getRunStatus() {
        return runStatus;
    }

    public void setRunStatus(String runStatus) {
        this.runStatus = runStatus;
    }

    public String getTriggeredFrom() {
        return triggeredFrom;
    }

    public void setTriggeredFrom(String triggeredFrom) {
        this.triggeredFrom = triggeredFrom;
    }

    public boolean isFetchRunDetail() {
        return fetchRunDetail;
    }

    public void setFetchRunDetail(boolean fetchRunDetail) {
        this.fetchRunDetail = fetchRunDetail;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public long getUpsertClaimTimeout() {
        return upsertClaimTimeout;
    }

    public void setUpsertClaimTimeout(long upsertClaimTimeout) {
        this.upsertClaimTimeout = upsertClaimTimeout;
    }

    public long getLookback() {
        return lookback;
    }

    public void setLookback(long lookback) {
        this.lookback = lookback;
    }

    public String getWebhookUrl() {
        return webhookUrl;
    }

    public void setWebhookUrl(String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public boolean isFindTriggeredRun() {
        return findTriggeredRun;
    }

    public void setFindTriggeredRun(boolean findTriggeredRun) {
        this.findTriggeredRun = findTriggeredRun;
    }

    public String getExternalKnowledgePath() {
        return externalKnowledgePath;
    }

    public void setExternalKnowledgePath(String externalKnowledgePath) {
        this.externalKnowledgePath = externalKnowledgePath;
    }

    public String getKnowledgeIds() {
        return knowledgeIds;
    }

    public void setKnowledgeIds(String knowledgeIds) {
        this.knowledgeIds = knowledgeIds;
    }

    public String getHttpServerComponent() {
        return httpServerComponent;
    }

    public void setHttpServerComponent(String httpServerComponent) {
        this.httpServerComponent = httpServerComponent;
    }

    public int getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(int maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public String getExtensionPath() {
        return extensionPath;
    }

    public void setExtensionPath(String extensionPath) {
        this.extensionPath = extensionPath;
    }

    /**
     * The option apiKey, which a consumer needs to start.
     *
     * @param  consumer                 the consumer, as named in the error, e.g. dify:workflowRuns
     * @param  which                    what the key is, e.g. "the Workflow app's key"
     * @throws IllegalArgumentException naming the option when it is not set
     */
    public String requireApiKey(String consumer, String which) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(consumer + " needs the option apiKey: " + which);
        }
        return apiKey;
    }
}
