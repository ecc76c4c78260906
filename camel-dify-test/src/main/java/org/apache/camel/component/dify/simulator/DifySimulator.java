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
package org.apache.camel.component.dify.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Dify Service API simulator: a real HTTP server on the loopback interface that answers like Dify does (see
 * {@code docs/simulator.md}): app and knowledge keys, the five app modes with their stream event sequences, per-user
 * conversations, file uploads with Dify's limits, knowledge bases with retrieval ranked by relevance, and Dify's
 * error envelopes. Tests script answers, pacing and faults per app and read back the requests it received.
 * <p>
 * Start it with {@link #start()} (a free port) and point the client at {@link #baseUrl()}.
 */
public final class DifySimulator implements AutoCloseable {

    /**
     * The version the simulator answers as: in {@code GET /} ({@code server_version}) and in the {@code X-Version}
     * header of every response, as Dify does (langgenius/dify api/extensions/ext_app_metrics.py).
     */
    public static final String SERVER_VERSION = "1.17.1-simulator";

    static final String NOT_FOUND_URL = "The requested URL was not found on the server. If you entered the URL manually"
            + " please check your spelling and try again.";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, SimulatedApp> apps = new ConcurrentHashMap<>();
    private final Generation generation;
    private final Map<String, SimulatedDataset> datasets = new ConcurrentHashMap<>();
    private final Map<String, String> datasetKeys = new ConcurrentHashMap<>();
    private final Map<String, Fault> knowledgeFaults = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<RecordedInteraction> interactions = new CopyOnWriteArrayList<>();
    private final State state = new State();
    private final UploadLimits uploadLimits = new UploadLimits();
    private final AtomicInteger keyCounter = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Uploads uploads;
    private final Knowledge knowledge;
    private final AgentKnowledge agentKnowledge;
    private final AppRoutes appRoutes;
    private final Callouts callouts;
    private final Map<String, ExternalKnowledgeApi> externalKnowledgeApis = new ConcurrentHashMap<>();

    private HttpServer server;
    private ExecutorService executor;

    public DifySimulator() {
        this.uploads = new Uploads(this);
        this.knowledge = new Knowledge(this);
        this.agentKnowledge = new AgentKnowledge(this);
        this.callouts = new Callouts(this, knowledge);
        this.generation = new Generation(this);
        this.appRoutes = new AppRoutes(this, generation, new HumanInput(this), new Conversations(this),
                new AppRecords(this), uploads);
    }

    /** Starts a simulator on a free loopback port. */
    public static DifySimulator start() {
        return start(0);
    }

    /** Starts a simulator on {@code port} of the loopback interface (0 picks a free one). */
    public static DifySimulator start(int port) {
        DifySimulator simulator = new DifySimulator();
        simulator.listen(port);
        return simulator;
    }

    private void listen(int port) {
        // the JDK server leaves Nagle's algorithm on unless told: a response written as head and body then waits for
        // the client's delayed ACK, 40 ms per call on Linux, which no real Dify (gunicorn behind nginx) adds
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Dify simulator on port " + port, e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "dify-simulator-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The port the simulator listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL to configure in a Dify client, e.g. {@code http://127.0.0.1:41234/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Creates an app of {@code mode} with a fresh app key. */
    public SimulatedApp createApp(AppMode mode) {
        return createApp(mode, "app-" + token());
    }

    /** Creates an app of {@code mode} reached with {@code apiKey}. */
    public SimulatedApp createApp(AppMode mode, String apiKey) {
        SimulatedApp app = new SimulatedApp(apiKey, mode);
        app.triggerStarter((inputs, from) -> generation.startTriggered(app, inputs, from));
        apps.put(apiKey, app);
        return app;
    }

    /** Creates a knowledge key of the workspace (reaches every knowledge base). */
    public String createDatasetKey() {
        return createDatasetKey("dataset-" + token());
    }

    public String createDatasetKey(String key) {
        datasetKeys.put(key, key);
        return key;
    }

    /** Creates an Agent Knowledge Base (Dify 1.17+, {@code /knowledge-fs/...}); reach it with a knowledge key. */
    public SimulatedAgentKnowledgeBase createAgentKnowledgeBase(String name) {
        return agentKnowledge.create(name);
    }

    /**
     * Switches the Agent Knowledge Base API off (or on again): off, every {@code /knowledge-fs/...} path answers
     * Flask's 404, as a Dify older than 1.17 or one with KNOWLEDGE_FS_ENABLED off does.
     */
    public DifySimulator agentKnowledgeEnabled(boolean enabled) {
        agentKnowledge.enabled(enabled);
        return this;
    }

    /** Creates an empty knowledge base; add documents to it. */
    public SimulatedDataset createDataset(String name) {
        SimulatedDataset dataset = new SimulatedDataset(name);
        datasets.put(dataset.id(), dataset);
        return dataset;
    }

    /**
     * Registers an External Knowledge API, as Dify's console does: knowledge bases created through the API with
     * {@code provider} {@code external}, {@code external_knowledge_api_id} = the returned {@code id()} and an
     * {@code external_knowledge_id} are searched by calling {@code POST <endpoint>/retrieval} with {@code apiKey}.
     */
    public ExternalKnowledgeApi addExternalKnowledgeApi(String name, String endpoint, String apiKey) {
        ExternalKnowledgeApi api = new ExternalKnowledgeApi(UUID.randomUUID().toString(), name, endpoint, apiKey);
        externalKnowledgeApis.put(api.id(), api);
        return api;
    }

    ExternalKnowledgeApi externalKnowledgeApi(String id) {
        return id == null ? null : externalKnowledgeApis.get(id);
    }

    /**
     * Registers an API-based extension, as Dify's console does: it first sends {@code ping} and refuses an endpoint
     * that does not answer {@code {"result": "pong"}} (langgenius/dify api/services/api_based_extension_service.py),
     * with an {@link IllegalStateException}.
     */
    public ApiExtension addApiExtension(String name, String endpoint, String apiKey) {
        ApiExtension extension = new ApiExtension(UUID.randomUUID().toString(), name, endpoint, apiKey);
        callouts.ping(extension);
        return extension;
    }

    Callouts callouts() {
        return callouts;
    }

    private volatile long indexingStepMillis = 100;

    /**
     * How long each indexing stage of a document created through the API takes (waiting, parsing, cleaning,
     * splitting, indexing, then completed); 100 ms by default.
     */
    public DifySimulator indexingStep(java.time.Duration step) {
        this.indexingStepMillis = step.toMillis();
        return this;
    }

    long indexingStepMillis() {
        return indexingStepMillis;
    }

    private volatile int knowledgePermits;
    private volatile long knowledgeWindowMillis;
    private final java.util.ArrayDeque<Long> knowledgeWrites = new java.util.ArrayDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger knowledgeRefusals = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Limits knowledge writes (Knowledge API requests other than GET and retrieve) as Dify Cloud does: at most
     * {@code permits} in any sliding {@code window}, counted on arrival; one more gets 403 {@code forbidden} "Sorry,
     * you have reached the knowledge base request rate limit of your subscription." (langgenius/dify
     * api/controllers/service_api/wraps.py). {@code permits} 0 lifts the limit.
     */
    public DifySimulator limitKnowledgeWrites(int permits, java.time.Duration window) {
        synchronized (knowledgeWrites) {
            this.knowledgePermits = permits;
            this.knowledgeWindowMillis = window.toMillis();
            knowledgeWrites.clear();
        }
        return this;
    }

    /** How many knowledge writes the rate limit refused so far. */
    public int knowledgeWritesRefused() {
        return knowledgeRefusals.get();
    }

    /** Whether a knowledge write arriving now is within the limit; counts it when it is. */
    boolean admitKnowledgeWrite() {
        synchronized (knowledgeWrites) {
            if (knowledgePermits == 0) {
                return true;
            }
            long now = System.currentTimeMillis();
            while (!knowledgeWrites.isEmpty() && knowledgeWrites.peekFirst() <= now - knowledgeWindowMillis) {
                knowledgeWrites.pollFirst();
            }
            if (knowledgeWrites.size() >= knowledgePermits) {
                knowledgeRefusals.incrementAndGet();
                return false;
            }
            knowledgeWrites.addLast(now);
            return true;
        }
    }

    /** Every knowledge base, including those created through the API. */
    java.util.Collection<SimulatedDataset> datasets() {
        return datasets.values();
    }

    void addDataset(SimulatedDataset dataset) {
        datasets.put(dataset.id(), dataset);
    }

    void removeDataset(String id) {
        datasets.remove(id);
    }

    /** The next request with {@code datasetKey} meets {@code fault}. */
    public DifySimulator failNextKnowledgeRequest(String datasetKey, Fault fault) {
        knowledgeFaults.put(datasetKey, fault);
        return this;
    }

    /** Size limits of {@code POST /files/upload}, per category; Dify's self-hosted defaults until changed. */
    public UploadLimits uploadLimits() {
        return uploadLimits;
    }

    /** Every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return Collections.unmodifiableList(requests);
    }

    /** The requests to {@code path} (below {@code /v1}), oldest first. */
    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    public void clearRequests() {
        requests.clear();
        interactions.clear();
    }

    /**
     * Forgets the recorded requests and every conversation, message, file, run and form so far, as a long soak does
     * between waves so the simulator's memory does not grow with the messages sent. Call it when no run is going.
     */
    public void forgetHistory() {
        clearRequests();
        state.conversations.clear();
        state.messages.clear();
        state.files.clear();
        state.filesInMessages.clear();
        state.runs.clear();
        state.runsByTask.clear();
        state.forms.clear();
    }

    /** Every request with the response it got, oldest first: what conformance checks read. */
    public List<RecordedInteraction> interactions() {
        return Collections.unmodifiableList(interactions);
    }

    /** Number of conversations the simulator holds for {@code app}. */
    public int conversationCount(SimulatedApp app) {
        return (int) state.conversations.values().stream().filter(c -> c.appId().equals(app.id())).count();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ---------------------------------------------------------------- request handling

    private void handle(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        exchange.getResponseHeaders().set("X-Version", SERVER_VERSION);
        try {
            String fullPath = exchange.getRequestURI().getRawPath();
            if (fullPath.startsWith("/triggers/webhook/")) {
                webhook(exchange, fullPath.substring("/triggers/webhook/".length()));
                return;
            }
            if (!fullPath.startsWith("/v1")) {
                sendError(exchange, 404, "not_found", NOT_FOUND_URL);
                return;
            }
            String path = fullPath.substring(3);
            String method = exchange.getRequestMethod();
            Call call = new Call(exchange, method, path.isEmpty() ? "/" : path);
            CURRENT.set(call);
            try {
                route(call);
            } finally {
                CURRENT.remove();
                if (call.recorded != null) {
                    interactions.add(new RecordedInteraction(call.recorded, call.status, call.contentType,
                            call.body, call.scripted));
                }
            }
        } catch (Call.StreamAbort abort) {
            // a scripted connection drop: throwing makes the HTTP server close the socket mid-response
            dropped = true;
            throw new IOException("simulated connection drop");
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private void route(Call call) throws IOException {
        String[] seg = call.segments();
        String m = call.method;
        if (m.equals("GET") && seg.length == 0) {
            record(call, null, Map.of(), -1);
            ObjectNode welcome = mapper.createObjectNode()
                    .put("welcome", "Dify OpenAPI")
                    .put("api_version", "v1")
                    .put("server_version", SERVER_VERSION);
            sendJson(call.exchange, 200, welcome);
            return;
        }
        if (seg[0].equals("knowledge-fs")) {
            agentKnowledge.handle(call, seg);
            return;
        }
        if (seg[0].equals("datasets") || seg[0].equals("workspaces")) {
            knowledge.handle(call, seg);
            return;
        }
        SimulatedApp app = authenticateApp(call);
        if (app == null) {
            return;
        }
        Fault fault = app.nextFault();
        call.scripted = fault != null;
        if (fault instanceof Fault.HttpResponse response) {
            drainAndRecord(call);
            sendRaw(call.exchange, response.status(), response.contentType(), response.body());
            return;
        }
        appRoutes.dispatch(call, app, fault);
    }

    // a trigger webhook (langgenius/dify api/controllers/trigger/webhook.py): no key, any method; the run goes to
    // Dify's worker and the webhook node's configured response (here 200 {"status":"success"}) comes back at once
    private void webhook(HttpExchange exchange, String webhookId) throws IOException {
        SimulatedApp app = apps.values()
                .stream()
                .filter(a -> webhookId.equals(a.webhookId()))
                .findFirst()
                .orElse(null);
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (app == null) {
            sendError(exchange, 404, "not_found", "Webhook not found: " + webhookId);
            return;
        }
        Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        if (body.length > 0) {
            try {
                com.fasterxml.jackson.databind.JsonNode json = mapper.readTree(body);
                if (json != null && json.isObject()) {
                    json.fields()
                            .forEachRemaining(f -> inputs.put(f.getKey(), mapper.convertValue(f.getValue(),
                                    Object.class)));
                }
            } catch (IOException e) {
                sendJson(exchange, 400, mapper.createObjectNode()
                        .put("error", "Bad Request")
                        .put("message", "the body is not JSON"));
                return;
            }
        }
        app.runTriggeredBy("webhook", inputs);
        sendJson(exchange, 200, mapper.createObjectNode().put("status", "success"));
    }

    /** Resolves the app of the bearer key; answers 401 like Dify and returns {@code null} when there is none. */
    private SimulatedApp authenticateApp(Call call) throws IOException {
        Optional<String> token = bearer(call);
        if (token.isEmpty()) {
            return null;
        }
        SimulatedApp app = apps.get(token.get());
        if (app == null) {
            drainAndRecord(call);
            sendError(call.exchange, 401, "unauthorized", "Access token is invalid");
        }
        return app;
    }

    /** Checks a knowledge key; answers 401 and returns {@code false} when it is not one. */
    boolean authenticateDataset(Call call) throws IOException {
        Optional<String> token = bearer(call);
        if (token.isEmpty()) {
            return false;
        }
        if (!datasetKeys.containsKey(token.get())) {
            drainAndRecord(call);
            sendError(call.exchange, 401, "unauthorized", "Access token is invalid");
            return false;
        }
        return true;
    }

    // langgenius/dify api/controllers/service_api/wraps.py: the scheme is matched case-insensitively and the token is
    // what follows the first space
    private Optional<String> bearer(Call call) throws IOException {
        String header = call.exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.indexOf(' ') < 0) {
            drainAndRecord(call);
            sendError(call.exchange, 401, "unauthorized",
                    "Authorization header must be provided and start with 'Bearer'");
            return Optional.empty();
        }
        int space = header.indexOf(' ');
        if (!header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            drainAndRecord(call);
            sendError(call.exchange, 401, "unauthorized", "Authorization scheme must be 'Bearer'");
            return Optional.empty();
        }
        return Optional.of(header.substring(space + 1).trim());
    }

    Fault takeKnowledgeFault(Call call) {
        String header = call.exchange.getRequestHeaders().getFirst("Authorization");
        return header == null ? null : knowledgeFaults.remove(header.substring(header.indexOf(' ') + 1).trim());
    }

    SimulatedDataset dataset(String id) {
        return datasets.get(id);
    }

    State state() {
        return state;
    }

    Uploads uploads() {
        return uploads;
    }

    /** Runs a simulated generation off the request thread. */
    void execute(Runnable task) {
        executor.execute(task);
    }

    /** The run with this workflow run id, or {@code null}. */
    public Optional<String> runStatus(String workflowRunId) {
        SimulatedRun run = state.runs.get(workflowRunId);
        if (run == null) {
            return Optional.empty();
        }
        ObjectNode finished = run.finishedEvent();
        return Optional.of(finished != null ? finished.at("/data/status").asText()
                : run.isEnded() ? "ended"
                        : "running");
    }

    ObjectMapper mapper() {
        return mapper;
    }

    String token() {
        StringBuilder sb = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < 24; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- helpers for the handlers

    /** Reads a JSON body; answers Dify's 400 for malformed JSON and returns {@code null}. */
    /** The knowledge base {@code id}, or {@code null} once Dify's 404 "Dataset not found." was sent. */
    SimulatedDataset datasetOrNotFound(Call call, String id) throws IOException {
        SimulatedDataset dataset = dataset(id);
        if (dataset == null) {
            drainAndRecord(call);
            sendError(call.exchange, 404, "not_found", "Dataset not found.");
        }
        return dataset;
    }

    ObjectNode readJson(Call call) throws IOException {
        byte[] body = call.exchange.getRequestBody().readAllBytes();
        JsonNode json = null;
        try {
            json = body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            // answered below
        }
        record(call, json, Map.of(), -1);
        if (json == null || !json.isObject()) {
            sendError(call.exchange, 400, "bad_request", "Invalid JSON payload received or JSON payload is empty.");
            return null;
        }
        return (ObjectNode) json;
    }

    /**
     * One page of a page-numbered list, as Dify's knowledge and annotation lists answer: {@code data}, {@code
     * has_more},
     * {@code limit}, {@code total}, {@code page}, from the query's {@code page} (from 1) and {@code limit} (20).
     */
    ObjectNode numberedPage(Map<String, String> query, List<? extends JsonNode> items) {
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        int from = Math.min(items.size(), (page - 1) * limit);
        ObjectNode json = mapper.createObjectNode();
        json.putArray("data").addAll(items.subList(from, Math.min(items.size(), from + limit)));
        return json.put("has_more", from + limit < items.size())
                .put("limit", limit)
                .put("total", items.size())
                .put("page", page);
    }

    /** The body's {@code user}; answers Dify's 400 and returns {@code null} when it is missing or blank. */
    String requireUser(Call call, JsonNode body) throws IOException {
        String user = body != null && body.hasNonNull("user") ? body.get("user").asText() : null;
        if (user == null || user.isBlank()) {
            sendError(call.exchange, 400, "invalid_param", "Arg user must be provided.");
            return null;
        }
        return user;
    }

    void record(Call call, JsonNode json, Map<String, String> formFields, long uploadedBytes) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        call.exchange.getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(v)));
        RecordedRequest request = new RecordedRequest(call.method, call.path,
                call.exchange.getRequestURI().getRawQuery(), headers, json, formFields, uploadedBytes);
        requests.add(request);
        call.recorded = request;
    }

    static void drain(Call call) throws IOException {
        try (InputStream in = call.exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** Reads a request the simulator rejects without looking at it, and records it with its JSON body, if any. */
    void drainAndRecord(Call call) throws IOException {
        byte[] body;
        try (InputStream in = call.exchange.getRequestBody()) {
            body = in.readNBytes(1024 * 1024);
            in.transferTo(OutputStream.nullOutputStream());
        }
        JsonNode json = null;
        String type = call.exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.contains("json") && body.length > 0) {
            try {
                json = mapper.readTree(body);
            } catch (IOException e) {
                // recorded without a body
            }
        }
        record(call, json, Map.of(), -1);
    }

    void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        sendRaw(exchange, status, "application/json", mapper.writeValueAsString(body));
    }

    void sendError(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (status == 401) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"api\"");
        }
        ObjectNode error = mapper.createObjectNode().put("code", code).put("message", message).put("status", status);
        sendJson(exchange, status, error);
    }

    static void sendRaw(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        sendBytes(exchange, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        noteResponse(status, contentType, bytes);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static final ThreadLocal<Call> CURRENT = new ThreadLocal<>();

    /** Notes the response of the request this thread handles, for {@link #interactions()}. */
    static void noteResponse(int status, String contentType, byte[] body) {
        Call call = CURRENT.get();
        if (call != null) {
            call.status = status;
            call.contentType = contentType;
            call.body = contentType != null && contentType.contains("json") ? body : new byte[0];
        }
    }
}
