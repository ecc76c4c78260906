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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A binary response body (audio, a file, a zip) as an {@link InputStream} the route reads while the bytes still
 * arrive. The connection reads while less than the window waits here and resumes as the reader takes bytes; what
 * arrives past the window within one read is kept, never waited out, so a body of any size costs about one window
 * plus one read of memory and the I/O thread never waits for the route. Closing before the end aborts the exchange.
 */
public final class StreamedBody extends InputStream {

    private final int window;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    private final String contentType;
    private final long contentLength;
    private int buffered;
    private boolean ended;
    private boolean closed;
    private RuntimeException failure;
    private StreamControl control;
    // set by copyTo: the bytes go there as they arrive instead of waiting for a reader
    private OutputStream sink;
    private CompletableFuture<Void> copied;

    StreamedBody(String contentType, long contentLength, int window) {
        this.contentType = contentType;
        this.contentLength = contentLength;
        this.window = window;
    }

    /** The response's content type, e.g. {@code audio/mpeg}. */
    public String getContentType() {
        return contentType;
    }

    /** The response's length in bytes, or -1 when the server did not say. */
    public long getContentLength() {
        return contentLength;
    }

    void start(StreamControl streamControl) {
        this.control = streamControl;
    }

    /**
     * Writes the whole body to {@code target} as it arrives (on the I/O thread, no reader needed, no back-pressure), for
     * a caller that keeps the body after the call, e.g. in a stream cache that spools to disk. Completes when the body
     * has ended; fails with the connection's failure or the target's.
     */
    public CompletableFuture<Void> copyTo(OutputStream target) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed || sink != null) {
                throw new IllegalStateException("the Dify response body is already read");
            }
            sink = target;
            copied = done;
            try {
                for (ByteBuffer chunk : chunks) {
                    target.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
                }
            } catch (IOException e) {
                failure = new IllegalStateException("could not keep the Dify response body: " + e.getMessage(), e);
            }
            chunks.clear();
            buffered = 0;
            settleCopyLocked();
        } finally {
            lock.unlock();
        }
        if (control != null) {
            control.resume();
        }
        return done;
    }

    // completes the copy once the body ended or failed; under the lock
    private void settleCopyLocked() {
        if (copied == null) {
            return;
        }
        if (failure != null) {
            copied.completeExceptionally(failure);
        } else if (ended) {
            copied.complete(null);
        }
    }

    /** I/O thread: takes the bytes of {@code src}; never waits. */
    void offer(ByteBuffer src) {
        boolean abort = false;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (sink != null) {
                try {
                    if (src.hasArray()) {
                        sink.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
                        src.position(src.limit());
                    } else {
                        byte[] bytes = new byte[src.remaining()];
                        src.get(bytes);
                        sink.write(bytes);
                    }
                } catch (IOException e) {
                    if (failure == null) {
                        failure = new IllegalStateException("could not keep the Dify response body: "
                                + e.getMessage(), e);
                    }
                    settleCopyLocked();
                    closed = true;
                    abort = true;
                }
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(src.remaining());
            copy.put(src).flip();
            chunks.add(copy);
            buffered += copy.remaining();
            changed.signalAll();
        } finally {
            lock.unlock();
            if (abort && control != null) {
                control.cancel();
            }
        }
    }

    /** As {@link EventStreamHandler#readRoom(long)}: the window less the unread bytes; 0 once a window waits. */
    long readRoom(long readWindow) {
        lock.lock();
        try {
            if (closed || sink != null) {
                return readWindow;
            }
            return buffered < window ? readWindow - buffered : 0;
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
            ended = true;
            settleCopyLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void fail(RuntimeException error) {
        lock.lock();
        try {
            if (failure == null) {
                failure = error;
            }
            settleCopyLocked();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        boolean resume;
        lock.lock();
        try {
            while (chunks.isEmpty() && !ended && failure == null && !closed) {
                changed.awaitUninterruptibly();
            }
            if (closed) {
                throw new IOException("the Dify response body was closed");
            }
            if (chunks.isEmpty()) {
                if (failure != null) {
                    throw new IOException(failure.getMessage(), failure);
                }
                return -1;
            }
            ByteBuffer head = chunks.peek();
            n = Math.min(len, head.remaining());
            head.get(b, off, n);
            if (!head.hasRemaining()) {
                chunks.poll();
            }
            buffered -= n;
            resume = buffered < window / 2;
        } finally {
            lock.unlock();
        }
        if (resume && control != null) {
            control.resume();
        }
        return n;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        boolean abort;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            abort = !ended;
            chunks.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (abort && control != null) {
            control.cancel();
        }
    }
}
