package org.apache.camel.component.dify.protocol.transport;

import java.io.Closeable;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the Dify client: one Apache HttpClient 5 async client with its own connection pool, driven by a
 * small number of I/O reactor threads. No thread waits for a response: requests are written and responses consumed
 * as the sockets become ready, and every call completes a {@link CompletableFuture}.
 * <p>
 * HttpClient's wire log is disabled and the {@code Authorization} header prints masked, so enabling DEBUG logging
 * never reveals the API key.
 * <p>
 * Redirects and automatic retries are off: a redirect must not carry the API key to another host, and a generation
 * request must never be re-sent behind the caller's back.
 */
public final class DifyTransport implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DifyTransport.class);

    private final TransportSettings settings;
    private final ObjectMapper mapper;
    private final ThreadFactory ioThreadFactory;
    private final ScheduledExecutorService scheduler;
    private final String userAgent;
    private CloseableHttpAsyncClient client;

    /**
     * @param ioThreadFactory makes the I/O reactor threads
     * @param scheduler       runs the stream idle watchdogs
     */
    public DifyTransport(TransportSettings settings, ObjectMapper mapper, ThreadFactory ioThreadFactory,
                         ScheduledExecutorService scheduler, String userAgent) {
        this.settings = settings;
        this.mapper = mapper;
        this.ioThreadFactory = ioThreadFactory;
        this.scheduler = scheduler;
        this.userAgent = userAgent;
    }

    public TransportSettings settings() {
        return settings;
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
        PoolingAsyncClientConnectionManager pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnectionsPerRoute())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(settings.connectTimeoutMillis()))
                        .setSocketTimeout(Timeout.ofMilliseconds(settings.requestTimeoutMillis()))
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .setTlsStrategy(tls.build())
                .build();
        client = HttpAsyncClients.custom()
                .setConnectionManager(pool)
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(settings.ioThreads()).build())
                .setThreadFactory(ioThreadFactory)
                // no wire logging: HttpClient's byte dump at DEBUG would print the API key and every upload
                .setIoSessionDecorator(session -> session)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(settings.requestTimeoutMillis()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .setUserAgent(userAgent)
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        client.start();
    }

    /** Sends {@code request}; the future completes with the handler's result or a {@code DifyException}. */
    public <T> CompletableFuture<T> send(DifyRequest request, ResponseHandler<T> handler) {
        CloseableHttpAsyncClient running = client;
        if (running == null) {
            throw new IllegalStateException("Dify transport is not started");
        }
        ResponseConsumer<T> consumer = new ResponseConsumer<>(request, handler, mapper, settings, scheduler);
        AsyncRequestProducer producer = requestProducer(request);
        LOG.debug("Dify request {}", request);
        Future<T> exchange = running.execute(producer, consumer, null, null, new FutureCallback<>() {
            @Override
            public void completed(T result) {
                // the consumer completes the future itself
            }

            @Override
            public void failed(Exception ex) {
                consumer.fail(ex);
            }

            @Override
            public void cancelled() {
                consumer.fail(new java.util.concurrent.CancellationException("request cancelled"));
            }
        });
        consumer.attach(exchange);
        CompletableFuture<T> result = consumer.result();
        // cancelling the returned future aborts the HTTP exchange and releases the connection
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                consumer.fail(new java.util.concurrent.CancellationException("request cancelled"));
            }
        });
        return result;
    }

    private AsyncRequestProducer requestProducer(DifyRequest request) {
        URI uri = URI.create(stripTrailingSlash(settings.baseUrl()) + request.path());
        AsyncRequestBuilder builder = AsyncRequestBuilder.create(request.method())
                .setUri(uri)
                .setVersion(HttpVersion.HTTP_1_1)
                .addHeader(new BearerHeader(request.apiKey()))
                .addHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream");
        RequestBody body = request.body();
        if (body instanceof RequestBody.Json json) {
            builder.setEntity(AsyncEntityProducers.create(json.bytes(), ContentType.APPLICATION_JSON));
        } else if (body instanceof RequestBody.Multipart multipart) {
            builder.setEntity(new MultipartEntityProducer(multipart.fields(), multipart.fileField(), multipart.file()));
        }
        return builder.build();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close(CloseMode.GRACEFUL);
            try {
                client.awaitShutdown(TimeValue.of(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client = null;
        }
    }
}
