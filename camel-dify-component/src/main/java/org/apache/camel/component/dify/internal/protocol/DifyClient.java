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
package org.apache.camel.component.dify.internal.protocol;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.PageIterator;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.UserIn;
import org.apache.camel.component.dify.internal.protocol.api.Cursor;
import org.apache.camel.component.dify.internal.protocol.api.Delivery;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.api.StreamFamily;
import org.apache.camel.component.dify.internal.protocol.api.UrlTemplate;
import org.apache.camel.component.dify.internal.protocol.knowledge.KnowledgeWriteLimit;
import org.apache.camel.component.dify.internal.protocol.stream.ObservedStream;
import org.apache.camel.component.dify.internal.protocol.stream.StreamAggregator;
import org.apache.camel.component.dify.internal.protocol.stream.StreamObserver;
import org.apache.camel.component.dify.internal.protocol.stream.StreamedEvents;
import org.apache.camel.component.dify.internal.protocol.transport.CallSettings;
import org.apache.camel.component.dify.internal.protocol.transport.CallTrace;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors.KeyType;
import org.apache.camel.component.dify.internal.protocol.transport.DifyRequest;
import org.apache.camel.component.dify.internal.protocol.transport.DifyTransport;
import org.apache.camel.component.dify.internal.protocol.transport.EventStreamHandler;
import org.apache.camel.component.dify.internal.protocol.transport.RequestBody;
import org.apache.camel.component.dify.internal.protocol.transport.ResponseHandler;
import org.apache.camel.component.dify.internal.protocol.transport.StreamedBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls Dify's Service API, asynchronously and free of Camel types: {@link #send} for an endpoint that answers once,
 * {@link #stream} for one that answers with events, {@link #allPages} for a list read to its end. Every call is a
 * {@link DifyCall} on a row of {@link org.apache.camel.component.dify.internal.protocol.api.DifyApi}; each returns a future
 * that completes with the result or a {@link DifyException}.
 */
public final class DifyClient {

    private static final Logger LOG = LoggerFactory.getLogger(DifyClient.class);

    private final DifyTransport transport;
    private final CallSettings settings;
    private final RetryPolicy retries;
    private final ObjectMapper mapper;
    private final StreamObserver observer;
    private final KnowledgeWriteLimit knowledgeLimit;
    private final CallTrace trace;

    /**
     * @param transport the shared HTTP client
     * @param settings  the base URL, timeouts and limits of this client's calls
     * @param retries   which failed calls are sent again
     */
    public DifyClient(DifyTransport transport, CallSettings settings, RetryPolicy retries) {
        this(transport, settings, retries, null, null, null);
    }

    private DifyClient(DifyTransport transport, CallSettings settings, RetryPolicy retries, StreamObserver observer,
            KnowledgeWriteLimit knowledgeLimit, CallTrace trace) {
        this.transport = transport;
        this.settings = settings;
        this.retries = retries;
        this.mapper = transport.mapper();
        this.observer = observer;
        this.knowledgeLimit = knowledgeLimit;
        this.trace = trace;
    }

    /** A client whose streams are also shown to {@code observer} (or this client when it is {@code null}). */
    public DifyClient observedBy(StreamObserver streamObserver) {
        return streamObserver == null
                ? this
                : new DifyClient(transport, settings, retries, streamObserver, knowledgeLimit, trace);
    }

    /**
     * A client whose calls send the trace and session ids of {@code callTrace} and keep what Dify's answers say about
     * the server in it (or this client when it is {@code null}).
     */
    public DifyClient tracedBy(CallTrace callTrace) {
        return callTrace == null
                ? this
                : new DifyClient(transport, settings, retries, observer, knowledgeLimit, callTrace);
    }

    /**
     * A client whose knowledge writes (Knowledge API endpoints that create, update or delete) each wait for a slot of
     * {@code limit}, which clients may share; every attempt, retries too, takes a slot. {@code null}: no limit.
     */
    public DifyClient limitingKnowledgeWrites(KnowledgeWriteLimit limit) {
        return new DifyClient(transport, settings, retries, observer, limit, trace);
    }

    /** Where calls complete and their readers continue: the component's completion executor, never an I/O thread. */
    public Executor completions() {
        return transport.completions();
    }

    /** Completes after {@code delayMillis}, on the component's timer: a pause that holds no thread. */
    public CompletableFuture<Void> after(long delayMillis) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        transport.later(() -> done.complete(null), delayMillis);
        return done;
    }

    /**
     * Sends {@code call} until {@code outcome} makes something of an answer (non-{@code null}), pausing on the timer
     * between two sends, from {@code firstPauseMillis} doubled each time up to {@code longestPauseMillis}; past
     * {@code timeoutMillis} it fails with what {@code timedOut} makes of the last answer. Holds no thread while it
     * waits.
     */
    public <T> CompletableFuture<T> pollUntil(DifyCall call, Function<Object, T> outcome, long timeoutMillis,
            long firstPauseMillis, long longestPauseMillis, Function<Object, ? extends Throwable> timedOut) {
        return pollUntil(() -> send(call), outcome, timeoutMillis, firstPauseMillis, longestPauseMillis, timedOut);
    }

    /** {@link #pollUntil(DifyCall, Function, long, long, long, Function)} of any asynchronous attempt. */
    public <A, T> CompletableFuture<T> pollUntil(Supplier<CompletableFuture<A>> attempt,
            Function<? super A, T> outcome, long timeoutMillis, long firstPauseMillis, long longestPauseMillis,
            Function<? super A, ? extends Throwable> timedOut) {
        return poll(attempt, outcome, System.nanoTime() + timeoutMillis * 1_000_000, firstPauseMillis,
                longestPauseMillis, timedOut);
    }

    private <A, T> CompletableFuture<T> poll(Supplier<CompletableFuture<A>> attempt, Function<? super A, T> outcome,
            long deadlineNanos, long pauseMillis, long longestPauseMillis,
            Function<? super A, ? extends Throwable> timedOut) {
        return attempt.get().thenCompose(answer -> {
            T done = outcome.apply(answer);
            if (done != null) {
                return CompletableFuture.completedFuture(done);
            }
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return CompletableFuture.failedFuture(timedOut.apply(answer));
            }
            return after(Math.min(pauseMillis, left)).thenCompose(paused -> poll(attempt, outcome, deadlineNanos,
                    Math.min(pauseMillis * 2, longestPauseMillis), longestPauseMillis, timedOut));
        });
    }

    /**
     * Calls an endpoint that answers once. The result is the JSON answer as Dify sent it (a Map, a List, or
     * {@code null} for an empty 201/204 body); for a binary endpoint, a non-JSON answer is the {@link StreamedBody}
     * its bytes arrive in.
     */
    public CompletableFuture<Object> send(DifyCall call) {
        boolean binary = call.api().spec().response() == ApiSpec.Response.BINARY;
        return retrying(call, () -> transport.send(request(call, binary ? DifyRequest.ANY : DifyRequest.JSON), settings,
                new ResponseHandler<Object>() {

                    @Override
                    public Object onBody(int status, String contentType, byte[] bytes) throws IOException {
                        return bytes.length == 0 ? null : mapper.readValue(bytes, Object.class);
                    }

                    @Override
                    public boolean streamsBinary(String contentType) {
                        return binary && (contentType == null
                                || !contentType.toLowerCase(Locale.ROOT).contains("json"));
                    }
                }));
    }

    /** Calls an endpoint that answers once with JSON, read as {@code type}. */
    public <T> CompletableFuture<T> send(DifyCall call, Class<T> type) {
        return call(call, DifyRequest.JSON, type, null);
    }

    /**
     * Calls an endpoint that answers with Server-Sent Events (or, when the request asked for a blocking answer, with
     * one JSON document of the same result). A Workflow run that ends {@code failed} fails with
     * {@link DifyException#WORKFLOW_FAILED} when aggregated.
     *
     * @param delivery the events folded into the endpoint's result ({@link Delivery#aggregated}) or one by one
     *                 ({@link Delivery#events}: closing the iterator early stops the task on Dify where the endpoint
     *                 has a stop)
     */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> stream(DifyCall call, Delivery<R> delivery) {
        StreamFamily family = call.api().spec().stream();
        if (family == null) {
            throw new IllegalArgumentException(call + " does not answer with events");
        }
        boolean continueOnPause = "true".equals(first(call.query().get("continue_on_pause")));
        Supplier<StreamAggregator<?>> aggregator = () -> family.aggregator(call.operation(), mapper, continueOnPause);
        if (delivery instanceof Delivery.Events events) {
            boolean stoppable = call.api().spec().stopWith() != null;
            return (CompletableFuture<R>) call(call, DifyRequest.STREAM_OR_JSON, StreamedEvents.class,
                    () -> new StreamedEvents(mapper, aggregator.get(), events.bufferSize(), abandoned -> {
                        if (stoppable) {
                            stopTask(call, abandoned);
                        }
                    }));
        }
        Class<R> type = ((Delivery.Aggregated<R>) delivery).type();
        if (!type.isAssignableFrom(family.resultType())) {
            throw new IllegalArgumentException(call + " folds into " + family.resultType().getSimpleName()
                    + ", not " + type.getSimpleName());
        }
        CompletableFuture<Object> result = call(call, DifyRequest.STREAM_OR_JSON, (Class<Object>) family.resultType(),
                () -> (EventStreamHandler<Object>) aggregator.get());
        return (CompletableFuture<R>) (family == StreamFamily.WORKFLOW
                ? result.thenApply(run -> failIfRunFailed(call.operation(), (WorkflowRunResult) run))
                : result);
    }

    /**
     * Starts a streamed call and completes as soon as Dify named its task, with the ids known then (task, workflow
     * run, conversation, message), leaving the run to Dify: with {@code keepReading} the rest of the stream is read
     * and discarded in the background (bounded by the stream idle timeout, holding no thread), without it the
     * connection is closed at once. The task is never stopped. Completes on the completion executor.
     */
    public CompletableFuture<StreamProgress> startDetached(DifyCall call, boolean keepReading) {
        return stream(call, Delivery.events(1)).thenCompose(events -> events.started()
                .thenApplyAsync(progress -> {
                    events.detach(keepReading);
                    return progress;
                }, transport.completions()));
    }

    /**
     * Calls a workflow's webhook trigger (Dify 1.10+, {@code <dify>/triggers/webhook/<id>}, outside the Service API:
     * no key, the payload as JSON). Dify answers at once with the response configured on the webhook node and runs the
     * workflow in its worker; the run shows in the workflow logs with {@code triggered_from} webhook (langgenius/dify
     * api/controllers/trigger/webhook.py). Never retried: each call starts a run.
     *
     * @param url the trigger's URL, as Dify shows it on the webhook node
     */
    public CompletableFuture<Object> callWebhook(String url, Object payload) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook URL '" + url + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getRawAuthority() == null
                || uri.getRawPath() == null || !uri.getRawPath().contains("/triggers/webhook/")) {
            throw new IllegalArgumentException("the webhook URL '" + url + "' is not a Dify trigger webhook: expected"
                    + " http(s)://<dify host>/triggers/webhook/<webhook id>");
        }
        CallSettings webhook = settings.withBaseUrl(uri.getScheme() + "://" + uri.getRawAuthority());
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        DifyRequest request = new DifyRequest("triggerWebhook", KeyType.APP, "POST", path, null,
                payload == null ? new RequestBody.None() : json(payload), DifyRequest.JSON, trace);
        return transport.send(request, webhook, (status, contentType, body) -> body.length == 0 ? null
                : contentType != null && contentType.contains("json") ? mapper.readValue(body, Object.class)
                        : new String(body, StandardCharsets.UTF_8));
    }

    /**
     * Reads a paged list to its end: the items of every page, the next page requested while the current one is read.
     * The first page is the one the call names (its cursor parameter, if set).
     */
    public CompletableFuture<PageIterator> allPages(DifyCall call) {
        return allPages(call, Long.MAX_VALUE);
    }

    /** As {@link #allPages(DifyCall)}, reading at most {@code maxItems} items (one more fails). */
    public CompletableFuture<PageIterator> allPages(DifyCall call, long maxItems) {
        Cursor cursor = call.api().spec().cursor();
        if (cursor == Cursor.NONE) {
            throw new IllegalArgumentException(call + " is not a paged list");
        }
        Function<String, CompletableFuture<Object>> fetch = at -> send(call.query(cursor.parameter(), at));
        return send(call).thenApply(first -> new PageIterator(first, cursor::next, fetch, maxItems));
    }

    /**
     * {@code GET /} of the API root, which Dify answers without a key ({@code welcome}, {@code api_version},
     * {@code server_version}; langgenius/dify api/controllers/service_api/index.py): whether Dify is up, and which
     * version. Not an operation of the Service API spec, so not a row of the table; never retried.
     */
    @SuppressWarnings("unchecked")
    public CompletableFuture<Map<String, Object>> serverInfo() {
        DifyRequest request = new DifyRequest("serverInfo", null, "GET", "/", null, new RequestBody.None(),
                DifyRequest.JSON, trace);
        return transport.send(request, settings, (status, contentType, body) -> body.length == 0
                ? Map.of()
                : mapper.readValue(body, Map.class));
    }

    /** {@code value} as JSON text, with the client's conventions. */
    public String toJson(Object value) {
        return new String(json(value).bytes(), StandardCharsets.UTF_8);
    }

    // an abandoned stream's task is stopped on Dify, so the generation (and its cost) ends too
    private void stopTask(DifyCall call, StreamedEvents abandoned) {
        send(call.on(call.api().spec().stopWith(), "stop").path("task_id", abandoned.getTaskId()), Map.class);
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

    private <T> CompletableFuture<T> call(DifyCall call, String accept, Class<T> type,
            Supplier<EventStreamHandler<T>> streamHandler) {
        String operation = call.operation();
        return retrying(call, () -> transport.send(request(call, accept), settings, new ResponseHandler<T>() {

            @Override
            public T onBody(int status, String contentType, byte[] bytes) throws IOException {
                if (type == StreamedEvents.class) {
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
        }));
    }

    /**
     * Sends the call, and again after a pause while the retry policy allows it. The pause runs on the component's
     * timer; cancelling the returned future cancels the attempt in flight and any retry still to come.
     */
    private <T> CompletableFuture<T> retrying(DifyCall call, Supplier<CompletableFuture<T>> unlimited) {
        Supplier<CompletableFuture<T>> send = rateLimited(call, unlimited);
        int allowed = retries.retriesFor(call.api().spec());
        if (allowed == 0) {
            return send.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();
        result.whenComplete((value, error) -> {
            CompletableFuture<T> attempt = inFlight.get();
            if (result.isCancelled() && attempt != null) {
                attempt.cancel(true);
            }
        });
        attempt(call, send, result, inFlight, 0, allowed);
        return result;
    }

    private <T> void attempt(DifyCall call, Supplier<CompletableFuture<T>> send, CompletableFuture<T> result,
            AtomicReference<CompletableFuture<T>> inFlight, int retry, int allowed) {
        if (result.isDone()) {
            return;
        }
        CompletableFuture<T> attempt = send.get();
        inFlight.set(attempt);
        attempt.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = DifyErrors.causeOf(error);
            long delay = retry < allowed && cause instanceof DifyException failure
                    && retries.allows(call.api().spec(), failure)
                            ? retries.delayMillis(retry, failure.getRetryAfterMillis())
                            : -1;
            if (delay < 0) {
                result.completeExceptionally(cause);
                return;
            }
            LOG.debug("Dify {} failed ({}): retry {} of {} in {} ms", call, cause.getMessage(), retry + 1, allowed,
                    delay);
            transport.later(() -> attempt(call, send, result, inFlight, retry + 1, allowed), delay);
        });
    }

    // a knowledge write waits for its slot on the timer, then goes
    private <T> Supplier<CompletableFuture<T>> rateLimited(DifyCall call, Supplier<CompletableFuture<T>> send) {
        ApiSpec spec = call.api().spec();
        if (knowledgeLimit == null || spec.keyType() != KeyType.DATASET || spec.effect() == ApiSpec.Effect.READ) {
            return send;
        }
        return () -> knowledgeLimit.nextSlot().thenCompose(wait -> {
            if (wait == 0) {
                return send.get();
            }
            LOG.debug("Dify {} waits {} ms for a slot of the knowledge rate limit ({})", call, wait, knowledgeLimit);
            return after(wait).thenCompose(ignored -> send.get());
        });
    }

    private DifyRequest request(DifyCall call, String accept) {
        ApiSpec spec = call.api().spec();
        return new DifyRequest(call.operation(), spec.keyType(), spec.method(), UrlTemplate.expand(call),
                call.apiKey(), body(call), accept, trace, call.headers());
    }

    private RequestBody body(DifyCall call) {
        ApiSpec spec = call.api().spec();
        switch (spec.body()) {
            case NONE :
                return new RequestBody.None();
            case JSON :
                Object json = call.json();
                // a typed request carries its own user; a Map (or no body) gets the call's
                if (spec.userIn() == UserIn.BODY && call.user() != null && (json == null || json instanceof Map)) {
                    Map<Object, Object> fields = new LinkedHashMap<>();
                    if (json != null) {
                        fields.putAll((Map<?, ?>) json);
                    }
                    fields.putIfAbsent("user", call.user());
                    json = fields;
                }
                return json == null ? new RequestBody.None() : json(json);
            default :
                Map<String, String> fields = new LinkedHashMap<>();
                if (spec.userIn() == UserIn.FORM && call.user() != null) {
                    fields.put("user", call.user());
                }
                fields.putAll(call.formFields());
                return new RequestBody.Multipart(fields, "file", call.file());
        }
    }

    private RequestBody.Json json(Object body) {
        try {
            return new RequestBody.Json(mapper.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize the Dify request body: " + e.getOriginalMessage(), e);
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
