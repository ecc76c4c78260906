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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEventParser;
import org.apache.camel.component.dify.internal.protocol.sse.SseDecoder;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * Reads one response as it arrives: an error body (bounded), a JSON body (bounded), a binary body handed to its
 * reader while it arrives, or an event stream decoded frame by frame into the call's {@link EventStreamHandler}.
 * <p>
 * The I/O thread never waits here. Reading follows the reader through the {@link ReadWindow}'s credit. A stream ends
 * at its terminal event: the call completes there, what follows is discarded, and the connection goes back to the
 * pool if the server ends the response soon after, or is closed. For streams it also runs the idle watchdog: when no
 * data event arrives for the stream idle timeout (pings do not count), the call fails with what arrived so far.
 * Every failure and cancel aborts the exchange, which closes the socket.
 * <p>
 * The outcome goes to the call's result future, completed exactly once whichever of end of stream, failure, watchdog
 * or cancellation comes first. A request that never left (a pooled connection the server had closed) is handed to
 * the {@code notSent} retry instead, when that takes it.
 */
final class ResponseConsumer<T> implements AsyncResponseConsumer<T> {

    /** How long a stream may go on after its terminal event before its connection is closed rather than reused. */
    static final long TERMINAL_GRACE_MILLIS = 1000;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private enum Mode {
        ERROR,
        BODY,
        STREAM,
        BINARY
    }

    private enum State {
        /** reading the response */
        OPEN,
        /** the call has its outcome; the rest of the response is discarded until the server ends it */
        DRAINING,
        /** failed, cancelled or abandoned: the exchange is aborted and its connection closed */
        ABORTED
    }

    /** Takes over a request that failed before it was sent; answers whether it did. */
    interface NotSentRetry {

        boolean retry(Throwable cause);
    }

    private final DifyRequest request;
    private final CallSettings settings;
    private final ResponseHandler<T> handler;
    private final ObjectMapper mapper;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<T> result;
    private final NotSentRetry notSent;
    private final ReadGates gates;
    private final Executor completions;
    private final ReadWindow window = new ReadWindow();
    private final Object timerLock = new Object();

    private Mode mode;
    private int status;
    private String contentType;
    private String contentEncoding;
    private StreamingDecompressor decompressor;
    private long retryAfterMillis = -1;
    private String serverVersion;
    private ByteArrayOutputStream body;
    private SseDecoder decoder;
    private EventStreamHandler<T> stream;
    private boolean streamComplete;
    private StreamedBody binary;
    private volatile State state = State.OPEN;
    private volatile Future<?> exchange;
    private volatile long lastProgressNanos;
    private ScheduledFuture<?> timer;

    ResponseConsumer(DifyRequest request, CallSettings settings, ResponseHandler<T> handler, ObjectMapper mapper,
            ScheduledExecutorService scheduler, CompletableFuture<T> result, NotSentRetry notSent,
            ReadGates gates, Executor completions) {
        this.gates = gates;
        this.completions = completions;
        this.request = request;
        this.settings = settings;
        this.handler = handler;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.result = result;
        this.notSent = notSent;
    }

    /** The running HTTP exchange, so the watchdog and cancellation can abort it. */
    void attach(Future<?> running) {
        this.exchange = running;
        if (state == State.ABORTED) {
            running.cancel(true);
        }
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
            FutureCallback<T> resultCallback) {
        status = response.getCode();
        Header version = response.getFirstHeader(CallTrace.VERSION_HEADER);
        serverVersion = version == null || version.getValue().isBlank() ? null : version.getValue().trim();
        if (request.trace() != null) {
            request.trace().observe(serverVersion, response);
        }
        EndpointDetails connection = HttpCoreContext.cast(context).getEndpointDetails();
        window.gate(connection == null ? null : gates.gateOf(connection.getLocalAddress()));
        contentType = entity != null ? entity.getContentType() : null;
        contentEncoding = entity != null ? entity.getContentEncoding() : null;
        if (contentEncoding == null && response.getFirstHeader("Content-Encoding") != null) {
            contentEncoding = response.getFirstHeader("Content-Encoding").getValue();
        }
        if (response.getFirstHeader("Retry-After") != null) {
            retryAfterMillis = RetryAfter.parseMillis(response.getFirstHeader("Retry-After").getValue());
        }
        if (contentType == null && response.getFirstHeader("Content-Type") != null) {
            contentType = response.getFirstHeader("Content-Type").getValue();
        }
        boolean eventStream = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (status < 200 || status >= 300) {
            mode = Mode.ERROR;
            body = new ByteArrayOutputStream();
        } else if (eventStream) {
            mode = Mode.STREAM;
            decompressor = StreamingDecompressor.forEncoding(contentEncoding);
            stream = handler.onEventStream();
            if (stream == null) {
                fail(new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                        "Dify answered with an event stream where a JSON body was expected"));
                return;
            }
            DifyEventParser parser = new DifyEventParser(mapper);
            decoder = new SseDecoder(frame -> {
                if (!streamComplete) {
                    lastProgressNanos = System.nanoTime();
                    stream.onEvent(parser.parse(frame));
                    streamComplete = stream.isComplete();
                }
            }, settings.maxFrameSize());
            stream.onStart(control());
            startWatchdog();
            T early = stream.earlyResult();
            if (early != null) {
                deliver(early);
            }
        } else if (entity != null && handler.streamsBinary(contentType)) {
            mode = Mode.BINARY;
            binary = new StreamedBody(contentType, entity.getContentLength(), ReadWindow.SIZE);
            binary.start(control());
            @SuppressWarnings("unchecked")
            T early = (T) binary;
            deliver(early);
        } else {
            mode = Mode.BODY;
            body = new ByteArrayOutputStream();
        }
        if (entity == null) {
            finish();
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // 1xx responses carry nothing for us
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        window.channel(capacityChannel);
        refill();
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        int size = src.remaining();
        window.consumed(size);
        if (state == State.ABORTED) {
            // the exchange was cancelled but HttpCore still delivers: failing here makes it close the connection
            src.position(src.limit());
            throw new IOException("the Dify call was aborted");
        }
        if (state == State.DRAINING) {
            src.position(src.limit());
            refill();
            return;
        }
        try {
            switch (mode) {
                case BINARY -> binary.offer(src);
                case STREAM -> {
                    decoder.feed(decompressor == null ? src : decompressor.decompress(src));
                    stream.onBatchEnd();
                    if (streamComplete) {
                        src.position(src.limit());
                        endStreamAtTerminal();
                    }
                }
                default -> collect(src, size);
            }
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        refill();
    }

    private void collect(ByteBuffer src, int size) {
        int limit = mode == Mode.ERROR ? MAX_ERROR_BODY : settings.maxResponseSize();
        if (body.size() + size > limit) {
            if (mode == Mode.ERROR) {
                byte[] part = new byte[limit - body.size()];
                src.get(part);
                body.writeBytes(part);
                src.position(src.limit());
                finish(); // enough of the error body to describe it
                return;
            }
            throw new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                    "response body exceeds maxResponseSize of " + limit + " bytes");
        }
        byte[] chunk = new byte[size];
        src.get(chunk);
        body.writeBytes(chunk);
    }

    /** Lets the connection read as far as the reader has room; safe from any thread. */
    private void refill() {
        long room;
        if (state == State.DRAINING) {
            room = ReadWindow.SIZE;
        } else if (state == State.ABORTED) {
            return;
        } else if (mode == Mode.STREAM) {
            room = stream.readRoom(ReadWindow.SIZE);
        } else if (mode == Mode.BINARY) {
            room = binary.readRoom(ReadWindow.SIZE);
        } else {
            room = ReadWindow.SIZE;
        }
        try {
            window.refill(room);
        } catch (IOException e) {
            fail(e);
        }
    }

    private StreamControl control() {
        return new StreamControl() {

            @Override
            public void resume() {
                refill();
            }

            @Override
            public void cancel() {
                abort();
            }
        };
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        window.release();
        if (state == State.DRAINING) {
            cancelTimer(); // the server ended the response: the connection is reused
            return;
        }
        finish();
    }

    private void endStreamAtTerminal() {
        complete(stream.onEnd());
        synchronized (timerLock) {
            cancelTimer();
            if (state == State.DRAINING && scheduler != null) {
                timer = scheduler.schedule(this::abort, TERMINAL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void finish() {
        if (state != State.OPEN) {
            return;
        }
        try {
            switch (mode) {
                case ERROR -> fail(DifyErrors.fromResponse(mapper, request, settings.baseUrl(), status, contentType,
                        StreamingDecompressor.decodeWhole(contentEncoding, body.toByteArray()), retryAfterMillis,
                        serverVersion));
                case BODY -> completeWithBody(body.toByteArray());
                case BINARY -> {
                    binary.end();
                    toDraining(); // the call's result is the body itself, delivered when the response began
                }
                case STREAM -> {
                    decoder.endOfInput();
                    complete(stream.onEnd());
                }
                default -> throw new IllegalStateException("no response");
            }
        } catch (DifyException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                    "cannot read Dify's response: " + e.getMessage(), progress(), e));
        }
    }

    @Override
    public void failed(Exception cause) {
        fail(cause);
    }

    /** Fails the call with {@code cause}, mapped to a {@link DifyException}, unless it already has its outcome. */
    void fail(Throwable cause) {
        synchronized (this) {
            if (state != State.OPEN) {
                return;
            }
            state = State.ABORTED;
        }
        cancelTimer();
        cancelExchange();
        if (status == 0 && notSent != null && notSent.retry(cause)) {
            return;
        }
        DifyException error = toDifyException(cause);
        if (result.isDone()) {
            tellReader(error);
        } else {
            onCompletionThread(() -> {
                if (!result.completeExceptionally(error)) {
                    tellReader(error);
                }
            });
        }
    }

    /** The reader already has its early result (events, a binary body): it gets the failure from there. */
    private void tellReader(DifyException error) {
        if (stream != null) {
            stream.onFailure(error);
        } else if (binary != null) {
            binary.fail(error);
        }
    }

    private void deliver(T value) {
        onCompletionThread(() -> result.complete(value));
    }

    /**
     * Completes the call's future on the completion executor: whoever continues from it (a route) never runs on the
     * I/O thread or the watchdog's timer, and decoding a body there keeps it off the I/O thread too.
     */
    private void onCompletionThread(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run(); // shutting down: completing here is all that is left to do
        }
    }

    /** Ends the exchange without an outcome of its own: the reader closed it, or it outlived its terminal event. */
    private void abort() {
        synchronized (this) {
            if (state == State.ABORTED) {
                return;
            }
            state = State.ABORTED;
        }
        cancelTimer();
        cancelExchange();
    }

    private void cancelExchange() {
        Future<?> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
    }

    private void complete(T value) {
        if (toDraining()) {
            deliver(value);
        }
    }

    /** The call has its outcome: from now on the rest of the response is only drained. */
    private boolean toDraining() {
        synchronized (this) {
            if (state != State.OPEN) {
                return false;
            }
            state = State.DRAINING;
        }
        cancelTimer();
        return true;
    }

    /** A complete body, decoded on the completion thread: the I/O thread only collected its bytes. */
    private void completeWithBody(byte[] bytes) {
        if (!toDraining()) {
            return;
        }
        onCompletionThread(() -> {
            try {
                result.complete(
                        handler.onBody(status, contentType, StreamingDecompressor.decodeWhole(contentEncoding, bytes)));
            } catch (DifyException e) {
                result.completeExceptionally(e);
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(new DifyException(request.operation(), status,
                        DifyException.INVALID_RESPONSE, "cannot read Dify's response: " + e.getMessage(), progress(),
                        e));
            }
        });
    }

    private DifyException toDifyException(Throwable cause) {
        if (cause instanceof DifyException dify) {
            return dify;
        }
        StreamProgress progress = progress();
        if (cause instanceof SocketTimeoutException) {
            return new DifyException(request.operation(), status, DifyException.TIMEOUT,
                    "no data from Dify within requestTimeout of " + settings.requestTimeoutMillis() + " ms", progress,
                    cause);
        }
        if (status == 0 && cause instanceof TimeoutException) {
            return new DifyException(request.operation(), 0, DifyException.TIMEOUT,
                    "no pooled connection became free within connectionRequestTimeout of "
                            + settings.connectionRequestTimeoutMillis()
                            + " ms: all of the component's maxConnections are in use (nothing was sent)",
                    progress, cause, false, -1);
        }
        if (cause instanceof IOException || cause instanceof CancellationException) {
            if (status == 0) {
                return connectionFailure(cause, progress);
            }
            return new DifyException(request.operation(), status, DifyException.STREAM_INCOMPLETE,
                    "connection to Dify lost during the response: " + cause, progress, cause);
        }
        return new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                String.valueOf(cause.getMessage()), progress, cause);
    }

    /**
     * A failure before any response: whether the request can have reached Dify decides whether even a generation may
     * be sent again. Refused, unresolved, unroutable, connect timeouts, TLS handshakes and requests HttpCore never
     * wrote did not; anything else happened on an open connection, after (part of) the request was written.
     */
    private DifyException connectionFailure(Throwable cause, StreamProgress progress) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return notSent(DifyException.UNKNOWN_HOST, "the host of baseUrl does not resolve: " + t.getMessage(),
                        cause, progress);
            }
            if (t instanceof SSLException) {
                return notSent(DifyException.TLS_FAILED, "TLS handshake with Dify failed (check the certificate and"
                        + " sslContextParameters): " + t.getMessage(), cause, progress);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof ConnectTimeoutException || t instanceof RequestNotExecutedException) {
                return notSent(DifyException.CONNECTION_FAILED, "connection to Dify failed (nothing was sent): " + t,
                        cause, progress);
            }
        }
        return new DifyException(request.operation(), 0, DifyException.CONNECTION_FAILED,
                "connection to Dify failed after the request was sent, before an answer: " + cause, progress, cause,
                true, -1);
    }

    private DifyException notSent(String code, String message, Throwable cause, StreamProgress progress) {
        return new DifyException(request.operation(), 0, code, message, progress, cause, false, -1);
    }

    private StreamProgress progress() {
        EventStreamHandler<T> current = stream;
        return current == null ? StreamProgress.NONE : current.progress();
    }

    private void startWatchdog() {
        lastProgressNanos = System.nanoTime();
        long idle = settings.streamIdleTimeoutMillis();
        if (idle > 0 && scheduler != null) {
            synchronized (timerLock) {
                timer = scheduler.schedule(this::checkIdle, idle, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void checkIdle() {
        if (state != State.OPEN) {
            return;
        }
        long idleNanos = TimeUnit.MILLISECONDS.toNanos(settings.streamIdleTimeoutMillis());
        if (!stream.awaitingEvents()) {
            lastProgressNanos = System.nanoTime(); // the reader is behind, not the server
        }
        long waited = System.nanoTime() - lastProgressNanos;
        if (waited >= idleNanos) {
            fail(new DifyException(request.operation(), status, DifyException.STREAM_IDLE_TIMEOUT,
                    "no event from Dify for streamIdleTimeout of " + settings.streamIdleTimeoutMillis()
                            + " ms (keep-alive pings do not count)",
                    progress(), null));
        } else {
            synchronized (timerLock) {
                if (state == State.OPEN) {
                    timer = scheduler.schedule(this::checkIdle, idleNanos - waited, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void cancelTimer() {
        synchronized (timerLock) {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    @Override
    public void releaseResources() {
        window.release();
        cancelTimer();
    }
}
