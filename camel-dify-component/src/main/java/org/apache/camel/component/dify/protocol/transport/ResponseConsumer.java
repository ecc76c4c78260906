package org.apache.camel.component.dify.protocol.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.component.dify.protocol.DifyException;
import org.apache.camel.component.dify.protocol.StreamProgress;
import org.apache.camel.component.dify.protocol.sse.DifyEventParser;
import org.apache.camel.component.dify.protocol.sse.SseDecoder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * Reads one response as it arrives: an error body (bounded), a JSON body (bounded), or an event stream decoded frame
 * by frame into the call's {@link EventStreamHandler}. For streams it also runs the idle watchdog: when no data event
 * arrives for the stream idle timeout (pings do not count), the call fails with what arrived so far and the
 * connection is closed.
 * <p>
 * The outcome goes to {@link #result()}, completed exactly once whichever of end of stream, failure, watchdog or
 * cancellation comes first.
 */
final class ResponseConsumer<T> implements AsyncResponseConsumer<T> {

    private static final int WINDOW = 64 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private enum Mode {
        ERROR,
        BODY,
        STREAM,
        BINARY
    }

    private final DifyRequest request;
    private final ResponseHandler<T> handler;
    private final ObjectMapper mapper;
    private final TransportSettings settings;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Mode mode;
    private int status;
    private String contentType;
    private ByteArrayOutputStream body;
    private SseDecoder decoder;
    private EventStreamHandler<T> stream;
    private StreamedBody binary;
    private CapacityChannel capacity;
    private volatile Future<?> exchange;
    private volatile long lastProgressNanos;
    private ScheduledFuture<?> watchdog;
    // separate from the consumer's monitor, which the I/O thread may hold while it waits for a slow reader
    private final Object watchdogLock = new Object();
    private volatile boolean closed;
    private final AtomicInteger unreleased = new AtomicInteger();
    private boolean initialWindowGranted;

    ResponseConsumer(DifyRequest request, ResponseHandler<T> handler, ObjectMapper mapper, TransportSettings settings,
                     ScheduledExecutorService scheduler) {
        this.request = request;
        this.handler = handler;
        this.mapper = mapper;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    CompletableFuture<T> result() {
        return result;
    }

    /** The running HTTP exchange, so the watchdog and cancellation can abort it. */
    void attach(Future<?> exchange) {
        this.exchange = exchange;
        if (closed) {
            exchange.cancel(true);
        }
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entity, HttpContext context,
                                FutureCallback<T> resultCallback) {
        status = response.getCode();
        contentType = entity != null ? entity.getContentType() : null;
        if (contentType == null && response.getFirstHeader("Content-Type") != null) {
            contentType = response.getFirstHeader("Content-Type").getValue();
        }
        boolean eventStream = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        if (status < 200 || status >= 300) {
            mode = Mode.ERROR;
        } else if (eventStream) {
            mode = Mode.STREAM;
            stream = handler.onEventStream();
            if (stream == null) {
                fail(new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                        "Dify answered with an event stream where a JSON body was expected"));
                return;
            }
            DifyEventParser parser = new DifyEventParser(mapper);
            decoder = new SseDecoder(frame -> {
                lastProgressNanos = System.nanoTime();
                stream.onEvent(parser.parse(frame));
            }, settings.maxFrameSize());
            stream.onStart(control());
            startWatchdog();
            T early = stream.earlyResult();
            if (early != null) {
                result.complete(early);
            }
        } else if (entity != null && handler.streamsBinary(contentType)) {
            mode = Mode.BINARY;
            binary = new StreamedBody(contentType, entity.getContentLength(), WINDOW);
            binary.start(control());
            @SuppressWarnings("unchecked")
            T early = (T) binary;
            result.complete(early);
        } else {
            mode = Mode.BODY;
        }
        body = mode == Mode.STREAM || mode == Mode.BINARY ? null : new ByteArrayOutputStream();
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
        this.capacity = capacityChannel;
        // HttpClient asks again whenever the window is used up; a flow-controlling handler answers through
        // StreamControl.resume() when it can take more, so only the first window is granted here
        if (mode == Mode.BINARY || mode == Mode.STREAM && stream.controlsFlow()) {
            if (initialWindowGranted) {
                return;
            }
        }
        initialWindowGranted = true;
        capacityChannel.update(WINDOW);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        int size = src.remaining();
        if (closed) {
            src.position(src.limit()); // failed or timed out: drain until the connection is closed
            return;
        }
        try {
            if (mode == Mode.BINARY) {
                binary.offer(src);
            } else if (mode == Mode.STREAM) {
                synchronized (this) {
                    decoder.feed(src);
                }
            } else {
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
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (mode == Mode.BINARY || mode == Mode.STREAM && stream.controlsFlow()) {
            unreleased.addAndGet(size);
        } else if (capacity != null) {
            capacity.update(size);
        }
    }

    private StreamControl control() {
        return new StreamControl() {
            @Override
            public void resume() {
                // lock-free: the reader calls this while the I/O thread may be waiting inside the decoder for it
                int credit = unreleased.getAndSet(0);
                CapacityChannel channel = capacity;
                if (credit > 0 && channel != null && !closed) {
                    try {
                        channel.update(credit);
                    } catch (IOException e) {
                        fail(e);
                    }
                }
            }

            @Override
            public void cancel() {
                closed = true;
                Future<?> running = exchange;
                if (running != null) {
                    running.cancel(true);
                }
                stopWatchdog();
            }
        };
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        finish();
    }

    private void finish() {
        if (closed) {
            return;
        }
        try {
            switch (mode) {
                case ERROR -> fail(DifyErrors.fromResponse(mapper, request.operation(), request.keyType(), status,
                        contentType, body.toByteArray()));
                case BODY -> complete(handler.onBody(status, contentType, body.toByteArray()));
                case BINARY -> {
                    binary.end();
                    closed = true;
                    stopWatchdog();
                }
                case STREAM -> {
                    T value;
                    synchronized (this) {
                        decoder.endOfInput();
                        value = stream.onEnd();
                    }
                    closed = true;
                    complete(value);
                }
                default -> throw new IllegalStateException("no response");
            }
        } catch (DifyException e) {
            fail(e);
        } catch (IOException | RuntimeException e) {
            fail(new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                    "cannot read Dify's response: " + e.getMessage(), progress(), e));
        }
    }

    @Override
    public void failed(Exception cause) {
        fail(cause);
    }

    /** Fails the call with {@code cause}, mapped to a {@link DifyException}, unless it already ended. */
    void fail(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        DifyException error = toDifyException(cause);
        stopWatchdog();
        if (!result.completeExceptionally(error)) {
            // the reader already has its early result: tell it
            if (stream != null) {
                stream.onFailure(error);
            } else if (binary != null) {
                binary.fail(error);
            }
        }
        Future<?> running = exchange;
        if (running != null) {
            running.cancel(true);
        }
    }

    private void complete(T value) {
        closed = true;
        result.complete(value);
        stopWatchdog();
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
        if (cause instanceof IOException || cause instanceof java.util.concurrent.CancellationException) {
            String what = status == 0 ? "connection to Dify failed" : "connection to Dify lost during the response";
            return new DifyException(request.operation(), status,
                    status == 0 ? DifyException.CONNECTION_FAILED : DifyException.STREAM_INCOMPLETE,
                    what + ": " + cause, progress, cause);
        }
        return new DifyException(request.operation(), status, DifyException.INVALID_RESPONSE,
                String.valueOf(cause.getMessage()), progress, cause);
    }

    private StreamProgress progress() {
        EventStreamHandler<T> current = stream;
        return current == null ? StreamProgress.NONE : current.progress();
    }

    private void startWatchdog() {
        lastProgressNanos = System.nanoTime();
        long idle = settings.streamIdleTimeoutMillis();
        if (idle > 0 && scheduler != null) {
            synchronized (watchdogLock) {
                watchdog = scheduler.schedule(this::checkIdle, idle, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void checkIdle() {
        if (closed) {
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
            synchronized (watchdogLock) {
                watchdog = scheduler.schedule(this::checkIdle, idleNanos - waited, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void stopWatchdog() {
        synchronized (watchdogLock) {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    @Override
    public void releaseResources() {
        stopWatchdog();
    }
}
