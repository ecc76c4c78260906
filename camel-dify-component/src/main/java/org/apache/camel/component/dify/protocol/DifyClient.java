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
import org.apache.camel.component.dify.protocol.stream.MessageStreamAggregator;
import org.apache.camel.component.dify.protocol.stream.WorkflowStreamAggregator;
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
    private final ObjectMapper mapper;

    public DifyClient(DifyTransport transport) {
        this.transport = transport;
        this.mapper = transport.mapper();
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
        String path = workflowId == null ? "/workflows/run" : "/workflows/" + segment(workflowId) + "/run";
        return send("workflowRun", KeyType.APP, "POST", path, apiKey, json(request), WorkflowRunResult.class,
                () -> new WorkflowStreamAggregator("workflowRun", mapper))
                .thenApply(DifyClient::failIfRunFailed);
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

    // a blocking run that fails is still HTTP 200, with data.status "failed" (dify-api.md section 5)
    private static WorkflowRunResult failIfRunFailed(WorkflowRunResult result) {
        if (result.data() != null && "failed".equals(result.data().status())) {
            String error = result.data().error();
            throw new DifyException("workflowRun", 200, DifyException.WORKFLOW_FAILED,
                    error == null ? "workflow run failed" : error,
                    new StreamProgress(0, "", result.taskId(), null, null, result.workflowRunId()), null);
        }
        return result;
    }

    private <T> CompletableFuture<T> send(String operation, KeyType keyType, String method, String path,
                                          String apiKey, RequestBody body, Class<T> type,
                                          Supplier<EventStreamHandler<T>> streamHandler) {
        DifyRequest request = new DifyRequest(operation, keyType, method, path, apiKey, body);
        return transport.send(request, new ResponseHandler<T>() {
            @Override
            public T onBody(int status, String contentType, byte[] bytes) throws IOException {
                return mapper.readValue(bytes, type);
            }

            @Override
            public EventStreamHandler<T> onEventStream() {
                return streamHandler == null ? null : streamHandler.get();
            }
        });
    }

    private RequestBody json(Object body) {
        try {
            return new RequestBody.Json(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the Dify request body: " + e.getOriginalMessage(), e);
        }
    }

    /** Encodes one path segment (ids are UUIDs, but a bad value must not change the path). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
