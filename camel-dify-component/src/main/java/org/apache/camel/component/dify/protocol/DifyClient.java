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
package org.apache.camel.component.dify.protocol;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.protocol.model.ChatRequest;
import org.apache.camel.component.dify.protocol.model.CompletionRequest;
import org.apache.camel.component.dify.protocol.model.MessageResult;
import org.apache.camel.component.dify.protocol.model.RetrieveRequest;
import org.apache.camel.component.dify.protocol.model.RetrieveResult;
import org.apache.camel.component.dify.protocol.model.UploadedFile;
import org.apache.camel.component.dify.protocol.model.WorkflowRunRequest;
import org.apache.camel.component.dify.protocol.model.WorkflowRunResult;
import org.apache.camel.component.dify.protocol.stream.DatasourceStreamAggregator;
import org.apache.camel.component.dify.protocol.stream.DifyEventIterator;
import org.apache.camel.component.dify.protocol.stream.MessageStreamAggregator;
import org.apache.camel.component.dify.protocol.stream.ObservedStream;
import org.apache.camel.component.dify.protocol.stream.StreamObserver;
import org.apache.camel.component.dify.protocol.stream.WorkflowStreamAggregator;
import org.apache.camel.component.dify.protocol.transport.CallSettings;
import org.apache.camel.component.dify.protocol.transport.DifyErrors.KeyType;
import org.apache.camel.component.dify.protocol.transport.DifyRequest;
import org.apache.camel.component.dify.protocol.transport.DifyTransport;
import org.apache.camel.component.dify.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.protocol.transport.RequestBody;
import org.apache.camel.component.dify.protocol.transport.ResponseHandler;
import org.apache.camel.component.dify.protocol.transport.UploadSource;

/**
 * The Dify Service API calls, asynchronous and free of Camel types. Each returns a future that completes with the
 * typed response (for streaming requests: the stream folded into the same type) or a {@link DifyException}.
 */
public final class DifyClient {

    private final DifyTransport transport;
    private final CallSettings settings;
    private final ObjectMapper mapper;
    private final StreamObserver observer;

    /**
     * @param transport the shared HTTP client
     * @param settings  the base URL, timeouts and limits of this client's calls
     */
    public DifyClient(DifyTransport transport, CallSettings settings) {
        this(transport, settings, null);
    }

    private DifyClient(DifyTransport transport, CallSettings settings, StreamObserver observer) {
        this.transport = transport;
        this.settings = settings;
        this.mapper = transport.mapper();
        this.observer = observer;
    }

    /** A client whose streams are also shown to {@code observer} (or this client when it is {@code null}). */
    public DifyClient observedBy(StreamObserver streamObserver) {
        return streamObserver == null ? this : new DifyClient(transport, settings, streamObserver);
    }

    /** {@code POST /chat-messages}: Chatbot, Agent, Chatflow and New Agent apps. */
    public CompletableFuture<MessageResult> chat(String apiKey, ChatRequest request) {
        return send("chat", KeyType.APP, "POST", "/chat-messages", apiKey, json(request), MessageResult.class,
                () -> new MessageStreamAggregator("chat", mapper));
    }

    /** {@code POST /completion-messages}: Text Generator apps. */
    public CompletableFuture<MessageResult> completion(String apiKey, CompletionRequest request) {
        return send("completion", KeyType.APP, "POST", "/completion-messages", apiKey, json(request),
                MessageResult.class, () -> new MessageStreamAggregator("completion", mapper));
    }

    /**
     * {@code POST /workflows/run}, or {@code POST /workflows/{workflowId}/run} to run a specific published version
     * when {@code workflowId} is not {@code null}.
     */
    public CompletableFuture<WorkflowRunResult> runWorkflow(String apiKey, String workflowId,
            WorkflowRunRequest request) {
        return send("workflowRun", KeyType.APP, "POST", workflowPath(workflowId), apiKey, json(request),
                WorkflowRunResult.class,
                () -> new WorkflowStreamAggregator("workflowRun", mapper))
                .thenApply(result -> failIfRunFailed("workflowRun", result));
    }

    /** {@code chat} as a lazy iterator of its events ({@code streamMode=events}). */
    public CompletableFuture<DifyEventIterator> chatEvents(String apiKey, ChatRequest request, int bufferSize) {
        return send("chat", KeyType.APP, "POST", "/chat-messages", apiKey, json(request), DifyEventIterator.class,
                () -> new DifyEventIterator(mapper, new MessageStreamAggregator("chat", mapper), bufferSize,
                        it -> stop(apiKey, TaskType.chat, it.getTaskId(), request.user())));
    }

    /** {@code completion} as a lazy iterator of its events. */
    public CompletableFuture<DifyEventIterator> completionEvents(String apiKey, CompletionRequest request,
            int bufferSize) {
        return send("completion", KeyType.APP, "POST", "/completion-messages", apiKey, json(request),
                DifyEventIterator.class, () -> new DifyEventIterator(mapper,
                        new MessageStreamAggregator("completion", mapper), bufferSize,
                        it -> stop(apiKey, TaskType.completion, it.getTaskId(), request.user())));
    }

    /** {@code workflowRun} as a lazy iterator of its events. */
    public CompletableFuture<DifyEventIterator> runWorkflowEvents(String apiKey, String workflowId,
            WorkflowRunRequest request, int bufferSize) {
        return send("workflowRun", KeyType.APP, "POST", workflowPath(workflowId), apiKey, json(request),
                DifyEventIterator.class, () -> new DifyEventIterator(mapper,
                        new WorkflowStreamAggregator("workflowRun", mapper), bufferSize,
                        it -> stop(apiKey, TaskType.workflow, it.getTaskId(), request.user())));
    }

    /**
     * {@code GET /workflow/{workflowRunId}/events}: follows a Workflow or Chatflow run that is already going (after a
     * dropped connection, or a Human Input pause), folded into the run's result.
     */
    public CompletableFuture<WorkflowRunResult> workflowEvents(String apiKey, String workflowRunId, String user,
            boolean includeStateSnapshot, boolean continueOnPause) {
        return send("workflowEvents", KeyType.APP, "GET",
                eventsPath(workflowRunId, user, includeStateSnapshot, continueOnPause), apiKey,
                new RequestBody.None(), WorkflowRunResult.class,
                () -> new WorkflowStreamAggregator("workflowEvents", mapper).continuingOnPause(continueOnPause))
                .thenApply(result -> failIfRunFailed("workflowEvents", result));
    }

    /**
     * {@link #workflowEvents} as a lazy iterator of the run's events. Closing it only ends the following: the run goes
     * on, as it was started elsewhere.
     */
    public CompletableFuture<DifyEventIterator> workflowEventStream(String apiKey, String workflowRunId, String user,
            boolean includeStateSnapshot,
            boolean continueOnPause, int bufferSize) {
        return send("workflowEvents", KeyType.APP, "GET",
                eventsPath(workflowRunId, user, includeStateSnapshot, continueOnPause), apiKey,
                new RequestBody.None(), DifyEventIterator.class,
                () -> new DifyEventIterator(mapper,
                        new WorkflowStreamAggregator("workflowEvents", mapper).continuingOnPause(continueOnPause),
                        bufferSize, it -> {
                        }));
    }

    /**
     * {@code POST /datasets/{datasetId}/pipeline/datasource/nodes/{nodeId}/run}: runs one datasource node of a
     * knowledge pipeline; the result is what the node read ({@code datasource_completed}'s data).
     *
     * @param body {@code inputs}, {@code datasource_type}, {@code credential_id}, {@code is_published}
     */
    public CompletableFuture<Object> runDatasourceNode(String apiKey, String datasetId, String nodeId,
            Map<String, Object> body) {
        return send("runDatasourceNode", KeyType.DATASET, "POST", datasourceNodePath(datasetId, nodeId), apiKey,
                json(body), Object.class, () -> new DatasourceStreamAggregator("runDatasourceNode", mapper));
    }

    /** {@link #runDatasourceNode} as a lazy iterator of its events; there is no task to stop on close. */
    public CompletableFuture<DifyEventIterator> runDatasourceNodeEvents(String apiKey, String datasetId,
            String nodeId, Map<String, Object> body,
            int bufferSize) {
        return send("runDatasourceNode", KeyType.DATASET, "POST", datasourceNodePath(datasetId, nodeId), apiKey,
                json(body), DifyEventIterator.class, () -> new DifyEventIterator(mapper,
                        new DatasourceStreamAggregator("runDatasourceNode", mapper), bufferSize, it -> {
                        }));
    }

    /**
     * {@code POST /datasets/{datasetId}/pipeline/run}: runs a knowledge pipeline. Blocking or streamed (by the body's
     * {@code response_mode}), the result is the run as for a Workflow app; a failed run fails.
     */
    public CompletableFuture<WorkflowRunResult> runPipeline(String apiKey, String datasetId, Map<String, Object> body) {
        return send("runPipeline", KeyType.DATASET, "POST", pipelineRunPath(datasetId), apiKey, json(body),
                WorkflowRunResult.class, () -> new WorkflowStreamAggregator("runPipeline", mapper))
                .thenApply(result -> failIfRunFailed("runPipeline", result));
    }

    /** {@link #runPipeline} as a lazy iterator of its workflow events; the service API has no pipeline stop. */
    public CompletableFuture<DifyEventIterator> runPipelineEvents(String apiKey, String datasetId,
            Map<String, Object> body, int bufferSize) {
        return send("runPipeline", KeyType.DATASET, "POST", pipelineRunPath(datasetId), apiKey, json(body),
                DifyEventIterator.class, () -> new DifyEventIterator(mapper,
                        new WorkflowStreamAggregator("runPipeline", mapper), bufferSize, it -> {
                        }));
    }

    private static String datasourceNodePath(String datasetId, String nodeId) {
        return "/datasets/" + segment(datasetId) + "/pipeline/datasource/nodes/" + segment(nodeId) + "/run";
    }

    private static String pipelineRunPath(String datasetId) {
        return "/datasets/" + segment(datasetId) + "/pipeline/run";
    }

    /** Which stop endpoint a task needs: Chatflow tasks stop through the chat endpoint (langgenius/dify
     * api/controllers/service_api/app/completion.py). */
    public enum TaskType {
        /** {@code POST /chat-messages/{task_id}/stop}: Chatbot, Agent, Chatflow. */
        chat,
        /** {@code POST /completion-messages/{task_id}/stop}. */
        completion,
        /** {@code POST /workflows/tasks/{task_id}/stop}. */
        workflow
    }

    /** Stops a running generation; Dify answers {@code {"result":"success"}} even for unknown tasks. */
    public CompletableFuture<Map<String, Object>> stop(String apiKey, TaskType type, String taskId, String user) {
        String path = switch (type) {
            case chat -> "/chat-messages/" + segment(taskId) + "/stop";
            case completion -> "/completion-messages/" + segment(taskId) + "/stop";
            case workflow -> "/workflows/tasks/" + segment(taskId) + "/stop";
        };
        return sendForMap("stop", "POST", path, apiKey, json(Map.of("user", user)));
    }

    /** {@code GET /form/human_input/{formToken}}: the form of a run paused at a Human Input node. */
    public CompletableFuture<Map<String, Object>> getHumanInputForm(String apiKey, String formToken) {
        return sendForMap("getHumanInputForm", "GET", "/form/human_input/" + segment(formToken), apiKey,
                new RequestBody.None());
    }

    /** {@code POST /form/human_input/{formToken}}: submits {@code {inputs, action, user}}; the run resumes. */
    public CompletableFuture<Map<String, Object>> submitHumanInputForm(String apiKey, String formToken,
            Map<String, Object> submission) {
        return sendForMap("submitHumanInputForm", "POST", "/form/human_input/" + segment(formToken), apiKey,
                json(submission));
    }

    /**
     * Any JSON endpoint: the answer as Dify sent it (a Map, a List, or {@code null} for an empty 201/204 body).
     *
     * @param pathAndQuery the path below the base URL with its query string, already encoded
     * @param json         the request body, or {@code null} for none
     */
    public CompletableFuture<Object> call(String operation, KeyType keyType, String method, String pathAndQuery,
            String apiKey, Object json, boolean binary) {
        return call(operation, keyType, method, pathAndQuery, apiKey,
                json == null ? new RequestBody.None() : json(json), binary);
    }

    /**
     * Any endpoint with a prepared body (e.g. multipart). With {@code binary}, a non-JSON answer is the
     * {@link org.apache.camel.component.dify.protocol.transport.StreamedBody} the bytes arrive in.
     */
    public CompletableFuture<Object> call(String operation, KeyType keyType, String method, String pathAndQuery,
            String apiKey, RequestBody body, boolean binary) {
        DifyRequest request = new DifyRequest(operation, keyType, method, pathAndQuery, apiKey, body,
                binary ? DifyRequest.ANY : DifyRequest.JSON);
        return transport.send(request, settings, new ResponseHandler<Object>() {

            @Override
            public Object onBody(int status, String contentType, byte[] bytes) throws IOException {
                return bytes.length == 0 ? null : mapper.readValue(bytes, Object.class);
            }

            @Override
            public boolean streamsBinary(String contentType) {
                return binary && (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT)
                        .contains("json"));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private CompletableFuture<Map<String, Object>> sendForMap(String operation, String method, String path,
            String apiKey, RequestBody body) {
        CompletableFuture<Map> result = send(operation, KeyType.APP, method, path, apiKey, body, Map.class, null);
        return result.thenApply(map -> (Map<String, Object>) map);
    }

    private static String workflowPath(String workflowId) {
        return workflowId == null ? "/workflows/run" : "/workflows/" + segment(workflowId) + "/run";
    }

    private static String eventsPath(String workflowRunId, String user, boolean snapshot, boolean continueOnPause) {
        return "/workflow/" + segment(workflowRunId) + "/events?user=" + query(user) + "&include_state_snapshot="
                + snapshot + "&continue_on_pause=" + continueOnPause;
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code POST /files/upload}: streams the file as multipart part {@code file}; Dify answers 201. */
    public CompletableFuture<UploadedFile> uploadFile(String apiKey, String user, UploadSource file) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user", user);
        return send("uploadFile", KeyType.APP, "POST", "/files/upload", apiKey,
                new RequestBody.Multipart(fields, "file", file), UploadedFile.class, null);
    }

    /** {@code POST /datasets/{datasetId}/retrieve}: needs a knowledge (dataset) key. */
    public CompletableFuture<RetrieveResult> retrieve(String apiKey, String datasetId, RetrieveRequest request) {
        return send("retrieve", KeyType.DATASET, "POST", "/datasets/" + segment(datasetId) + "/retrieve", apiKey,
                json(request), RetrieveResult.class, null);
    }

    // a blocking run that fails is still HTTP 200, with data.status "failed" (langgenius/dify
    // api/core/app/apps/workflow/generate_response_converter.py)
    private static WorkflowRunResult failIfRunFailed(String operation, WorkflowRunResult result) {
        if (result.data() != null && "failed".equals(result.data().status())) {
            String error = result.data().error();
            throw new DifyException(operation, 200, DifyException.WORKFLOW_FAILED,
                    error == null ? "workflow run failed" : error,
                    new StreamProgress(0, "", result.taskId(), null, null, result.workflowRunId()), null);
        }
        return result;
    }

    private <T> CompletableFuture<T> send(String operation, KeyType keyType, String method, String path,
            String apiKey, RequestBody body, Class<T> type,
            Supplier<EventStreamHandler<T>> streamHandler) {
        DifyRequest request = new DifyRequest(operation, keyType, method, path, apiKey, body,
                streamHandler == null ? DifyRequest.JSON : DifyRequest.STREAM_OR_JSON);
        return transport.send(request, settings, new ResponseHandler<T>() {

            @Override
            public T onBody(int status, String contentType, byte[] bytes) throws IOException {
                if (type == DifyEventIterator.class) {
                    throw new DifyException(operation, status, DifyException.INVALID_RESPONSE,
                            "Dify answered with one JSON body where an event stream was expected");
                }
                return bytes.length == 0 ? null : mapper.readValue(bytes, type);
            }

            @Override
            public EventStreamHandler<T> onEventStream() {
                if (streamHandler == null) {
                    return null;
                }
                EventStreamHandler<T> handler = streamHandler.get();
                return observer == null ? handler : new ObservedStream<>(handler, observer, mapper);
            }
        });
    }

    /** {@code value} as JSON text, with the client's conventions. */
    public String toJson(Object value) {
        return new String(((RequestBody.Json) json(value)).bytes(), StandardCharsets.UTF_8);
    }

    private RequestBody json(Object body) {
        try {
            return new RequestBody.Json(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the Dify request body: " + e.getOriginalMessage(), e);
        }
    }

    /** Encodes one path segment (ids are UUIDs, but a bad value must not change the path). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
