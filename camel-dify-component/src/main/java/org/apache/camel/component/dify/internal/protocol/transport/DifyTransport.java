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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.io.Closeable;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HeaderElement;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.message.MessageSupport;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the Dify client: one Apache HttpClient 5 async client with its connection pool, driven by a small
 * number of I/O reactor threads, shared by every endpoint of a component (with the same TLS settings). No thread
 * waits for a response: requests are written and responses consumed as the sockets become ready, and every call
 * completes a {@link CompletableFuture}, on the completion executor, so that what continues from it never runs on
 * the I/O thread. Timeouts travel with each request ({@link CallSettings}).
 * <p>
 * HttpClient's wire log is disabled and the {@code Authorization} header prints masked, so enabling DEBUG logging
 * never reveals the API key.
 * <p>
 * Redirects and HttpClient's automatic retries are off: a redirect must not carry the API key to another host, and a
 * generation request must never be re-sent behind the caller's back. The one exception is a request that never left:
 * when the server had closed an idle pooled connection, HttpCore fails the request with
 * {@link RequestNotExecutedException} before writing a byte of it, and it is sent again on another connection (Dify
 * never saw it, so this is safe for generations too).
 */
public final class DifyTransport implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DifyTransport.class);
    /** Sends of a request that never left, before its failure is reported. */
    static final int MAX_NOT_SENT_ATTEMPTS = 3;
    /**
     * How much earlier than a server's announced {@code Keep-Alive: timeout=} a connection stops being reused: the
     * server's clock started when it wrote the response, ours when we read it, and a request must arrive before the
     * server closes, not while it does.
     */
    private static final long ANNOUNCED_KEEP_ALIVE_MARGIN_MILLIS = 250;
    /** How often calls waiting for a pooled connection are checked against their connectionRequestTimeout. */
    private static final long POOL_WAIT_SWEEP_MILLIS = 100;

    private final TransportSettings settings;
    private final ObjectMapper mapper;
    private final ThreadFactory ioThreadFactory;
    private final ScheduledExecutorService scheduler;
    private final Executor completions;
    private final String userAgent;
    private final ReadGates gates = new ReadGates();
    private volatile CloseableHttpAsyncClient client;
    private volatile PoolingAsyncClientConnectionManager pool;
    private ScheduledFuture<?> eviction;
    private ScheduledFuture<?> poolWaitSweep;
    // appended per call and swept every POOL_WAIT_SWEEP_MILLIS: a queue, so that a call costs no hashing
    private final Queue<WaitingCall> waitingForConnection = new ConcurrentLinkedQueue<>();

    /**
     * @param ioThreadFactory makes the I/O reactor threads
     * @param scheduler       runs the stream idle watchdogs, the post-terminal grace timers, idle eviction and the
     *                        connection-request deadline sweep
     * @param completions     completes the calls' futures (and decodes their bodies): never the I/O thread
     */
    public DifyTransport(TransportSettings settings, ObjectMapper mapper, ThreadFactory ioThreadFactory,
            ScheduledExecutorService scheduler, Executor completions, String userAgent) {
        this.completions = completions;
        this.settings = settings;
        this.mapper = mapper;
        this.ioThreadFactory = ioThreadFactory;
        this.scheduler = scheduler;
        this.userAgent = userAgent;
    }

    public TransportSettings settings() {
        return settings;
    }

    /** Where calls complete, so that callers never continue on an I/O thread. */
    public Executor completions() {
        return completions;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public synchronized void start() {
        if (client != null) {
            return;
        }
        ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create();
        if (settings.sslContext() != null) {
            tls.setSslContext(settings.sslContext());
        } else {
            tls.useSystemProperties();
        }
        pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .setTlsStrategy(tls.build())
                .build();
        CloseableHttpAsyncClient built = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                // a connection is reused only while the server surely still keeps it: the pool discards it at lease
                // once this has passed since the response, so no request is written into a server's idle close
                .setKeepAliveStrategy(this::keepAliveOf)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(settings.ioThreads()).build())
                .setThreadFactory(ioThreadFactory)
                // the read window ReadWindow mirrors: HttpCore starts every response with this much credit
                .setHttp1Config(Http1Config.custom().setInitialWindowSize(ReadWindow.SIZE).build())
                // replaces HttpClient's default decorator, its wire log, whose byte dump at DEBUG would print the API
                // key and every upload; the gates bound what a paused response reads within one I/O pass
                .setIoSessionDecorator(gates)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .setUserAgent(userAgent)
                .build();
        built.start();
        client = built;
        // on the component's timer rather than HttpClient's own evictor thread: threads come from Camel
        // (only to give sockets back: the pool never leases a connection past its keep-alive anyway)
        PoolingAsyncClientConnectionManager connections = pool;
        long sweep = Math.max(100, Math.min(15_000, settings.idleConnectionTimeoutMillis() / 2));
        eviction = scheduler.scheduleWithFixedDelay(() -> {
            connections.closeExpired();
            connections.closeIdle(TimeValue.ofMilliseconds(settings.idleConnectionTimeoutMillis()));
        }, sweep, sweep, TimeUnit.MILLISECONDS);
        poolWaitSweep = scheduler.scheduleWithFixedDelay(this::failCallsPastConnectionRequestTimeout,
                POOL_WAIT_SWEEP_MILLIS, POOL_WAIT_SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * How long the connection of {@code response} may wait in the pool for the next request: idleConnectionTimeout,
     * or less when the server announced a shorter {@code Keep-Alive: timeout=} (seconds, RFC 9112 appendix C.1).
     * gunicorn, which serves Dify's api container, closes after 2 s and announces nothing.
     */
    private TimeValue keepAliveOf(HttpResponse response, HttpContext context) {
        long keepAlive = settings.idleConnectionTimeoutMillis();
        Iterator<HeaderElement> elements = MessageSupport.iterate(response, HttpHeaders.KEEP_ALIVE);
        while (elements.hasNext()) {
            HeaderElement element = elements.next();
            if ("timeout".equalsIgnoreCase(element.getName()) && element.getValue() != null) {
                try {
                    long announced = Long.parseLong(element.getValue().trim()) * 1000;
                    keepAlive = Math.min(keepAlive, Math.max(0,
                            announced - Math.max(ANNOUNCED_KEEP_ALIVE_MARGIN_MILLIS, announced / 4)));
                } catch (NumberFormatException e) {
                    // a malformed value announces nothing
                }
            }
        }
        return TimeValue.ofMilliseconds(keepAlive);
    }

    /** Connections of the pool in use by a call now (0 when the transport is not started): for monitoring and tests. */
    public int leasedConnections() {
        PoolingAsyncClientConnectionManager connections = pool;
        return connections == null ? 0 : connections.getTotalStats().getLeased();
    }

    /** Runs {@code task} after {@code delayMillis} on the component's timer (a retry's pause holds no thread). */
    public void later(Runnable task, long delayMillis) {
        scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code request}; the future completes with the handler's result or a {@code DifyException}. */
    public <T> CompletableFuture<T> send(DifyRequest request, CallSettings call, ResponseHandler<T> handler) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicReference<ResponseConsumer<T>> current = new AtomicReference<>();
        execute(request, call, handler, result, current, 1);
        // cancelling the returned future aborts the HTTP exchange and releases the connection
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                ResponseConsumer<T> consumer = current.get();
                if (consumer != null) {
                    consumer.fail(new CancellationException("request cancelled"));
                }
            }
        });
        return result;
    }

    private <T> void execute(DifyRequest request, CallSettings call, ResponseHandler<T> handler,
            CompletableFuture<T> result, AtomicReference<ResponseConsumer<T>> current, int attempt) {
        CloseableHttpAsyncClient running = client;
        if (running == null) {
            throw new IllegalStateException("Dify transport is not started");
        }
        ResponseConsumer.NotSentRetry retry = cause -> {
            if (attempt >= MAX_NOT_SENT_ATTEMPTS || !neverSent(cause) || result.isDone() || client == null) {
                return false;
            }
            LOG.debug("Dify request {} was not sent (pooled connection closed by the server): sending it again",
                    request);
            // the server closes idle connections: the other idle ones in the pool are as likely to be stale
            PoolingAsyncClientConnectionManager connections = pool;
            if (connections != null) {
                connections.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
            execute(request, call, handler, result, current, attempt + 1);
            return true;
        };
        ResponseConsumer<T> consumer = new ResponseConsumer<>(request, call, handler, mapper, scheduler, result, retry,
                gates, completions);
        current.set(consumer);
        LOG.debug("Dify request {}", request);
        HttpClientContext context = contextFor(call);
        Future<T> exchange = running.execute(requestProducer(request, call), consumer, null, context,
                new FutureCallback<>() {

                    @Override
                    public void completed(T value) {
                        // the consumer completes the result itself
                    }

                    @Override
                    public void failed(Exception ex) {
                        consumer.fail(ex);
                    }

                    @Override
                    public void cancelled() {
                        consumer.fail(new CancellationException("request cancelled"));
                    }
                });
        consumer.attach(exchange);
        long timeout = call.connectionRequestTimeoutMillis();
        // a call already on a pooled connection cannot wait for one
        if (timeout > 0 && !result.isDone() && context.getEndpointDetails() == null) {
            waitingForConnection.add(new WaitingCall(context, consumer, result,
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout)));
        }
    }

    /**
     * A call that had no connection when it was sent. HttpCore's pool checks a waiting lease's deadline only when
     * another lease or release happens, so a call behind streams that run for minutes would wait for minutes; one
     * sweep for all calls fails those past their deadline instead of a timer per request.
     */
    private record WaitingCall(HttpClientContext context, ResponseConsumer<?> consumer, CompletableFuture<?> result,
            long deadlineNanos) {
    }

    private void failCallsPastConnectionRequestTimeout() {
        long now = System.nanoTime();
        waitingForConnection.removeIf(call -> {
            // a call with endpoint details is on a connection (or connecting: connectTimeout bounds that)
            if (call.result().isDone() || call.context().getEndpointDetails() != null) {
                return true;
            }
            if (now - call.deadlineNanos() >= 0) {
                call.consumer().fail(new TimeoutException("no pooled connection within connectionRequestTimeout"));
                return true;
            }
            return false;
        });
    }

    private static boolean neverSent(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RequestNotExecutedException) {
                return true;
            }
        }
        return false;
    }

    private static HttpClientContext contextFor(CallSettings call) {
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(call.requestConfig());
        return context;
    }

    private static AsyncRequestProducer requestProducer(DifyRequest request, CallSettings call) {
        CallSettings.Target target = call.target();
        AsyncRequestBuilder builder = AsyncRequestBuilder.create(request.method())
                .setHttpHost(target.host())
                .setPath(target.basePath() + request.path())
                .setVersion(HttpVersion.HTTP_1_1)
                .addHeader(HttpHeaders.ACCEPT, request.accept());
        if (request.apiKey() != null) {
            builder.addHeader(new BearerHeader(request.apiKey()));
        }
        request.headers().forEach(builder::addHeader);
        if (request.trace() != null) {
            request.trace().addTo(builder, request.headers().keySet());
        }
        RequestBody body = request.body();
        if (body instanceof RequestBody.Json json) {
            builder.setEntity(AsyncEntityProducers.create(json.bytes(), ContentType.APPLICATION_JSON));
        } else if (body instanceof RequestBody.Multipart multipart) {
            builder.setEntity(new MultipartEntityProducer(multipart.fields(), multipart.fileField(), multipart.file()));
        }
        return builder.build();
    }

    @Override
    public synchronized void close() {
        CloseableHttpAsyncClient running = client;
        if (running != null) {
            client = null;
            pool = null;
            eviction.cancel(false);
            poolWaitSweep.cancel(false);
            waitingForConnection.clear();
            running.close(CloseMode.GRACEFUL);
            try {
                running.awaitShutdown(TimeValue.of(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
