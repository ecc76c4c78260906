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
package org.apache.camel.component.dify.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.imfangs.dify.client.DifyChatClient;
import io.github.imfangs.dify.client.DifyClientFactory;
import io.github.imfangs.dify.client.callback.ChatStreamCallback;
import io.github.imfangs.dify.client.enums.ResponseMode;
import io.github.imfangs.dify.client.event.MessageEndEvent;
import io.github.imfangs.dify.client.event.MessageEvent;
import io.github.imfangs.dify.client.model.chat.ChatMessage;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;

/**
 * {@code dify:} side by side with the raw HttpClient 5 async client it is built on, a hand-written camel-http +
 * camel-jackson route, and io.github.imfangs:dify-java-client 1.2.3 (the most complete JVM Dify client), in one run
 * against one loopback server ({@link BenchServer}) in a separate JVM. Prints Markdown tables for docs/performance.md.
 * <p>
 * What it measures, each after a warm-up: blocking chat calls per second at 1 and 64 in flight; stream events per
 * second (aggregated, and event by event into a route); the latency from request to the first event when the server
 * pauses after it; and the threads and heap of 1,000 concurrent streams. Numbers are never asserted anywhere.
 */
public final class ClientComparisonBenchmark {

    private static final String KEY = "app-benchmark";
    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    private static final int SEQUENTIAL_CALLS = Integer.getInteger("sequentialCalls", 5_000);
    /**
     * Calls each client makes before the blocking table: the JIT compiles a Camel route and the component only after
     * tens of thousands of calls (BlockingCallBenchmark: 640 µs a call in the first 8,000, 200 µs from the 30,000th),
     * so a short warm-up measured the compiler, not the code.
     */
    private static final int WARM_UP_CALLS = Integer.getInteger("warmUpCalls", 40_000);
    private static final int CONCURRENT_CALLS = Integer.getInteger("concurrentCalls", 10_000);
    private static final int IN_FLIGHT = 64;
    private static final int STREAM_EVENTS = Integer.getInteger("streamEvents", 100_000);
    private static final int LATENCY_SAMPLES = Integer.getInteger("latencySamples", 200);
    private static final int PAUSE_MS = 20;
    private static final int STREAMS = Integer.getInteger("streams", 1_000);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** eventBufferSize of the batches route: the most events in one list, and how far the connection reads ahead. */
    private static final int BATCH_BUFFER = Integer.getInteger("batchBuffer", 64);
    /** Which tables to produce: any of blocking, stream, latency, concurrent (all by default). */
    private static final List<String> SECTIONS = List.of(System.getProperty("sections",
            "blocking,stream,latency,concurrent").split(","));

    private final String baseUrl;
    private final CamelContext camel;
    private final CloseableHttpAsyncClient raw;
    private final DifyChatClient imfangs;
    private final AtomicLong routeEvents = new AtomicLong();
    private final AtomicReference<Consumer<Exchange>> onRouteEvent = new AtomicReference<>(e -> {
    });

    private ClientComparisonBenchmark(String baseUrl, int port) throws Exception {
        this.baseUrl = baseUrl;
        raw = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(2_000)
                        .setMaxConnPerRoute(2_000)
                        .build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .build();
        raw.start();
        imfangs = DifyClientFactory.createChatClient(baseUrl, KEY);
        camel = new DefaultCamelContext();
        DifyComponent dify = new DifyComponent();
        dify.getConfiguration().setBaseUrl(baseUrl);
        dify.getConfiguration().setApiKey(KEY);
        camel.addComponent("dify", dify);
        camel.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:difyBlocking").to("dify:chat?responseMode=blocking");
                from("direct:difyAggregate").to("dify:chat");
                from("direct:difyEvents").to("dify:chat?streamMode=events")
                        .split(body())
                        .streaming()
                        .process(e -> {
                            routeEvents.incrementAndGet();
                            onRouteEvent.get().accept(e);
                        })
                        .end();
                from("direct:difyBatches").to("dify:chat?streamMode=batches&eventBufferSize=" + BATCH_BUFFER)
                        .split(body())
                        .streaming()
                        .process(e -> {
                            for (Object event : e.getMessage().getBody(List.class)) {
                                routeEvents.incrementAndGet();
                                onRouteEvent.get().accept(e);
                            }
                        })
                        .end();
                // what a user writes without this component: JSON in and out around camel-http
                from("direct:camelHttp")
                        .setBody(e -> Map.of("query", e.getMessage().getBody(String.class), "inputs", Map.of(),
                                "response_mode", "blocking", "user", "bench"))
                        .marshal()
                        .json(JsonLibrary.Jackson)
                        .setHeader("Authorization", constant("Bearer " + KEY))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .to("http://127.0.0.1:" + port + "/v1/chat-messages?httpMethod=POST")
                        .unmarshal()
                        .json(JsonLibrary.Jackson, Map.class)
                        .setBody(e -> e.getMessage().getBody(Map.class).get("answer"));
            }
        });
        camel.start();
        difyBlockingProducer = camel.getEndpoint("direct:difyBlocking").createAsyncProducer();
        difyBlockingProducer.start();
    }

    public static void main(String[] args) throws Exception {
        try (BenchServer.Forked server = BenchServer.Forked.start()) {
            ClientComparisonBenchmark benchmark = new ClientComparisonBenchmark(server.baseUrl(), server.port());
            try {
                benchmark.run();
            } finally {
                benchmark.close();
            }
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "Java %s, %d cores; server in its own JVM on loopback; median of %d interleaved"
                + " rounds after a warm-up round.%n%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), ROUNDS);

        if (SECTIONS.contains("blocking")) {
            blockingTable();
        }
        if (SECTIONS.contains("stream")) {
            streamTable();
        }
        if (SECTIONS.contains("latency")) {
            latencyTable();
        }
        if (SECTIONS.contains("concurrent")) {
            concurrentStreams();
        }
    }

    private void blockingTable() throws Exception {
        System.out
                .println("| blocking chat, calls/s | raw HttpClient 5 | dify: | camel-http + jackson | imfangs 1.2.3 |"
                        + " dify/raw | dify/camel-http | dify/imfangs |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        ProducerTemplate template = camel.createProducerTemplate();
        blocking(WARM_UP_CALLS, IN_FLIGHT, this::rawBlocking);
        blocking(WARM_UP_CALLS, IN_FLIGHT, this::difyBlocking);
        threads(WARM_UP_CALLS, IN_FLIGHT, () -> template.requestBody("direct:camelHttp", "q"));
        threads(WARM_UP_CALLS, IN_FLIGHT, this::imfangsBlocking);
        StringBuilder costs = new StringBuilder();
        for (int inFlight : new int[]{1, IN_FLIGHT}) {
            int calls = inFlight == 1 ? SEQUENTIAL_CALLS : CONCURRENT_CALLS;
            Result[] results = interleaved(
                    () -> measure(calls, () -> blocking(calls, inFlight, this::rawBlocking)),
                    () -> measure(calls, () -> blocking(calls, inFlight, this::difyBlocking)),
                    () -> measure(calls,
                            () -> threads(calls, inFlight, () -> template.requestBody("direct:camelHttp", "q"))),
                    () -> measure(calls, () -> threads(calls, inFlight, this::imfangsBlocking)));
            double rawRate = results[0].rate();
            double difyRate = results[1].rate();
            double httpRate = results[2].rate();
            double imfRate = results[3].rate();
            System.out.printf(Locale.ROOT, "| %d in flight | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.2f |%n",
                    inFlight, rawRate, difyRate, httpRate, imfRate, difyRate / rawRate, difyRate / httpRate,
                    difyRate / imfRate);
            costs.append(
                    String.format(Locale.ROOT, "| %d in flight, client CPU µs/call | %.1f | %.1f | %.1f | %.1f |%n",
                            inFlight, results[0].cpuMicros(), results[1].cpuMicros(), results[2].cpuMicros(),
                            results[3].cpuMicros()));
            costs.append(
                    String.format(Locale.ROOT, "| %d in flight, context switches/call | %.2f | %.2f | %.2f | %.2f |%n",
                            inFlight, results[0].switches(), results[1].switches(), results[2].switches(),
                            results[3].switches()));
        }
        // the blocking clients' caller threads would count as live threads of the 1,000-stream table
        CALLERS.values().forEach(ExecutorService::shutdown);
        CALLERS.clear();
        System.out.println();
        System.out.println(
                "| blocking chat, per call | raw HttpClient 5 | dify: | camel-http + jackson | imfangs 1.2.3 |");
        System.out.println("|---|---|---|---|---|");
        System.out.print(costs);
        System.out.println();
    }

    private void streamTable() throws Exception {
        System.out.println("| stream of " + String.format(Locale.ROOT, "%,d", STREAM_EVENTS + 1) + " events, events/s"
                + " | raw HttpClient 5 | dify: | imfangs 1.2.3 | dify/raw | dify/imfangs | CPU µs/event raw, dify:,"
                + " imfangs |");
        System.out.println("|---|---|---|---|---|---|---|");
        // the clients take turns round by round, so a slow stretch of a shared machine hits them alike
        int events = STREAM_EVENTS + 1;
        Result[] results = interleaved(
                () -> measure(events, () -> rawStream("events:" + STREAM_EVENTS, null)),
                () -> measure(events, () -> difyAggregate("events:" + STREAM_EVENTS)),
                () -> measure(events, () -> difyEvents("direct:difyEvents", "events:" + STREAM_EVENTS, null)),
                () -> measure(events, () -> difyEvents("direct:difyBatches", "events:" + STREAM_EVENTS, null)),
                () -> measure(events, () -> imfangsStream("events:" + STREAM_EVENTS, null)));
        Result raw = results[0];
        Result imf = results[4];
        String[] rows = {"aggregated (dify:chat)", "event by event (streamMode=events + split)",
                "in batches, each event in a loop (streamMode=batches + split)"};
        for (int i = 0; i < rows.length; i++) {
            Result dify = results[i + 1];
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %,.0f | %.2f | %.2f | %.1f, %.1f, %.1f |%n", rows[i],
                    raw.rate(), dify.rate(), imf.rate(), dify.rate() / raw.rate(), dify.rate() / imf.rate(),
                    raw.cpuMicros(), dify.cpuMicros(), imf.cpuMicros());
        }
        System.out.println();
    }

    private void latencyTable() throws Exception {
        String paused = "pause:20:" + PAUSE_MS;
        long[] rawLatency = latencies(first -> rawStream(paused, first));
        long[] difyLatency = latencies(first -> difyEvents("direct:difyEvents", paused, first));
        long[] batchLatency = latencies(first -> difyEvents("direct:difyBatches", paused, first));
        long[] imfLatency = latencies(first -> imfangsStream(paused, first));
        System.out.println("| first event, server pauses " + PAUSE_MS + " ms after it (" + LATENCY_SAMPLES
                + " streams) | p50 ms | p99 ms | p99 added to raw, ms |");
        System.out.println("|---|---|---|---|");
        latencyRow("raw HttpClient 5", rawLatency, rawLatency);
        latencyRow("dify: streamMode=events + split", difyLatency, rawLatency);
        latencyRow("dify: streamMode=batches + split", batchLatency, rawLatency);
        latencyRow("imfangs 1.2.3 stream callback", imfLatency, rawLatency);
        System.out.println();
    }

    // ------------------------------------------------------------------ blocking

    private void rawBlocking(Runnable done) {
        raw.execute(SimpleRequestProducer.create(SimpleRequestBuilder.post(baseUrl + "/chat-messages")
                .addHeader("Authorization", "Bearer " + KEY)
                .setBody("{\"query\":\"q\",\"inputs\":{},\"response_mode\":\"blocking\",\"user\":\"bench\"}",
                        ContentType.APPLICATION_JSON)
                .build()), SimpleResponseConsumer.create(),
                new FutureCallback<SimpleHttpResponse>() {

                    @Override
                    public void completed(SimpleHttpResponse response) {
                        try {
                            MAPPER.readTree(response.getBodyBytes()).get("answer").asText();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                        done.run();
                    }

                    @Override
                    public void failed(Exception ex) {
                        ex.printStackTrace();
                        done.run();
                    }

                    @Override
                    public void cancelled() {
                        done.run();
                    }
                });
    }

    private AsyncProducer difyBlockingProducer;

    private void difyBlocking(Runnable done) {
        Exchange exchange = camel.getEndpoint("direct:difyBlocking").createExchange();
        exchange.getMessage().setBody("q");
        difyBlockingProducer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                exchange.getException().printStackTrace();
            }
            done.run();
        });
    }

    private void imfangsBlocking() {
        try {
            imfangs.sendChatMessage(ChatMessage.builder()
                    .query("q")
                    .user("bench")
                    .inputs(Map.of())
                    .responseMode(ResponseMode.BLOCKING)
                    .build()).getAnswer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code calls} asynchronous calls, at most {@code inFlight} at a time. */
    private static void blocking(int calls, int inFlight, Consumer<Runnable> call) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        CountDownLatch finished = new CountDownLatch(calls);
        for (int i = 0; i < calls; i++) {
            slots.acquire();
            call.accept(() -> {
                slots.release();
                finished.countDown();
            });
        }
        finished.await();
    }

    private static final Map<Integer, ExecutorService> CALLERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * {@code calls} synchronous calls on {@code inFlight} threads (clients that block their caller). The threads live
     * for the whole run, so that their context switches stay counted.
     */
    private static void threads(int calls, int inFlight, Runnable call) throws InterruptedException {
        ExecutorService pool = CALLERS.computeIfAbsent(inFlight, Executors::newFixedThreadPool);
        CountDownLatch finished = new CountDownLatch(calls);
        for (int i = 0; i < calls; i++) {
            pool.execute(() -> {
                call.run();
                finished.countDown();
            });
        }
        finished.await();
    }

    // ------------------------------------------------------------------ streams

    /** One raw stream: HttpClient's binary consumer, lines split by hand, each data line parsed by Jackson. */
    private void rawStream(String shape, Consumer<Long> firstEvent) throws Exception {
        CompletableFuture<Long> done = new CompletableFuture<>();
        long start = System.nanoTime();
        raw.execute(SimpleRequestProducer.create(SimpleRequestBuilder.post(baseUrl + "/chat-messages")
                .addHeader("Authorization", "Bearer " + KEY)
                .setBody("{\"query\":\"" + shape + "\",\"inputs\":{},\"response_mode\":\"streaming\",\"user\":"
                        + "\"bench\"}", ContentType.APPLICATION_JSON)
                .build()),
                new AbstractBinResponseConsumer<Long>() {

                    private final byte[] line = new byte[64 * 1024];
                    private int length;
                    private long count;

                    @Override
                    protected void start(HttpResponse response, ContentType contentType) {
                    }

                    @Override
                    protected int capacityIncrement() {
                        return 64 * 1024;
                    }

                    @Override
                    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
                        while (src.hasRemaining()) {
                            byte b = src.get();
                            if (b != '\n') {
                                line[length++] = b;
                                continue;
                            }
                            if (length > 6 && line[0] == 'd') {
                                JsonNode event = MAPPER.readTree(line, 6, length - 6);
                                event.get("event").asText();
                                if (count++ == 0 && firstEvent != null) {
                                    firstEvent.accept(System.nanoTime() - start);
                                }
                            }
                            length = 0;
                        }
                    }

                    @Override
                    protected Long buildResult() {
                        return count;
                    }

                    @Override
                    public void releaseResources() {
                    }
                }, new FutureCallback<Long>() {

                    @Override
                    public void completed(Long result) {
                        done.complete(result);
                    }

                    @Override
                    public void failed(Exception ex) {
                        done.completeExceptionally(ex);
                    }

                    @Override
                    public void cancelled() {
                        done.cancel(false);
                    }
                });
        done.get(5, TimeUnit.MINUTES);
    }

    private void difyAggregate(String shape) {
        ProducerTemplate template = camel.createProducerTemplate();
        Exchange exchange = template.send("direct:difyAggregate", e -> e.getMessage().setBody(shape));
        if (exchange.getException() != null) {
            throw new IllegalStateException(exchange.getException());
        }
    }

    private void difyEvents(String route, String shape, Consumer<Long> firstEvent) {
        long start = System.nanoTime();
        AtomicLong seen = new AtomicLong();
        onRouteEvent.set(e -> {
            if (seen.getAndIncrement() == 0 && firstEvent != null) {
                firstEvent.accept(System.nanoTime() - start);
            }
        });
        Exchange exchange = camel.createProducerTemplate()
                .send(route, e -> e.getMessage().setBody(shape));
        if (exchange.getException() != null) {
            throw new IllegalStateException(exchange.getException());
        }
    }

    private void imfangsStream(String shape, Consumer<Long> firstEvent) throws Exception {
        CountDownLatch end = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        long start = System.nanoTime();
        imfangs.sendChatMessageStream(ChatMessage.builder()
                .query(shape)
                .user("bench")
                .inputs(Map.of())
                .responseMode(ResponseMode.STREAMING)
                .build(), new ChatStreamCallback() {

                    @Override
                    public void onMessage(MessageEvent event) {
                        if (seen.getAndIncrement() == 0 && firstEvent != null) {
                            firstEvent.accept(System.nanoTime() - start);
                        }
                    }

                    @Override
                    public void onMessageEnd(MessageEndEvent event) {
                        end.countDown();
                    }

                    @Override
                    public void onException(Throwable throwable) {
                        throwable.printStackTrace();
                        end.countDown();
                    }
                });
        end.await(5, TimeUnit.MINUTES);
    }

    // ------------------------------------------------------------------ first-event latency

    private interface Stream {

        void run(Consumer<Long> firstEvent) throws Exception;
    }

    private static long[] latencies(Stream stream) throws Exception {
        for (int i = 0; i < LATENCY_SAMPLES / 4; i++) {
            stream.run(nanos -> {
            });
        }
        long[] samples = new long[LATENCY_SAMPLES];
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            int index = i;
            stream.run(nanos -> samples[index] = nanos);
        }
        Arrays.sort(samples);
        return samples;
    }

    private static void latencyRow(String client, long[] samples, long[] raw) {
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %+.2f |%n", client, percentile(samples, 50) / 1e6,
                percentile(samples, 99) / 1e6, (percentile(samples, 99) - percentile(raw, 99)) / 1e6);
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    // ------------------------------------------------------------------ 1,000 concurrent streams

    private void concurrentStreams() throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        int threadsBefore = threads.getThreadCount();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        AsyncProducer producer = camel.getEndpoint("direct:difyAggregate").createAsyncProducer();
        producer.start();
        CountDownLatch finished = new CountDownLatch(STREAMS);
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < STREAMS; i++) {
            Exchange exchange = camel.getEndpoint("direct:difyAggregate").createExchange();
            exchange.getMessage().setBody("paced:100:20"); // 2 s each, so all 1,000 are open together
            producer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, exchange.getException());
                }
                finished.countDown();
            });
        }
        int peakThreads = threads.getThreadCount();
        long peakHeap = 0;
        while (!finished.await(200, TimeUnit.MILLISECONDS)) {
            peakThreads = Math.max(peakThreads, threads.getThreadCount());
            if (peakHeap == 0 && System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(1_000)) {
                System.gc();
                peakHeap = memory.getHeapMemoryUsage().getUsed();
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        producer.stop();
        System.out.println("| " + STREAMS + " concurrent 2 s streams through dify:chat | value |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| wall time | %,d ms |%n", seconds);
        System.out.printf(Locale.ROOT, "| failed | %d%s |%n", failures.get(),
                firstFailure.get() == null ? "" : " (first: " + firstFailure.get().getMessage() + ")");
        System.out.printf(Locale.ROOT, "| live threads in the JVM at the peak (before: %d) | %d |%n", threadsBefore,
                peakThreads);
        System.out.printf(Locale.ROOT, "| heap in use after GC with all streams open (before: %.1f MB) | %.1f MB |%n",
                heapBefore / 1e6, peakHeap / 1e6);
    }

    // ------------------------------------------------------------------ helpers

    private interface Measured {

        void run() throws Exception;
    }

    private interface Measurement {

        Result get() throws Exception;
    }

    /** Units (calls or events) per second, and the client JVM's CPU time and context switches per unit. */
    private record Result(double rate, double cpuMicros, double switches) {
    }

    private static Result measure(int count, Measured work) throws Exception {
        long cpu = processCpuNanos();
        long switches = contextSwitches();
        long start = System.nanoTime();
        work.run();
        long elapsed = System.nanoTime() - start;
        return new Result(count / (elapsed / 1e9), (processCpuNanos() - cpu) / 1e3 / count,
                (double) (contextSwitches() - switches) / count);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Voluntary and involuntary context switches of this JVM's live threads (Linux /proc). */
    private static long contextSwitches() {
        long total = 0;
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
                        if (line.contains("ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** The median of each measurement over the rounds, the measurements taking turns within each round. */
    private static Result[] interleaved(Measurement... measurements) throws Exception {
        for (Measurement measurement : measurements) {
            measurement.get(); // warm-up
        }
        Result[][] results = new Result[measurements.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < measurements.length; i++) {
                results[i][round] = measurements[i].get();
            }
        }
        Result[] medians = new Result[measurements.length];
        for (int i = 0; i < measurements.length; i++) {
            medians[i] = new Result(median(results[i], Result::rate), median(results[i], Result::cpuMicros),
                    median(results[i], Result::switches));
        }
        return medians;
    }

    private static double median(Result[] results, java.util.function.ToDoubleFunction<Result> value) {
        double[] values = Arrays.stream(results).mapToDouble(value).sorted().toArray();
        return values[values.length / 2];
    }

    private void close() throws Exception {
        CALLERS.values().forEach(ExecutorService::shutdown);
        camel.stop();
        raw.close(CloseMode.GRACEFUL);
    }

}
