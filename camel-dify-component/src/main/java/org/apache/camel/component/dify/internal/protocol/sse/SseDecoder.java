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
package org.apache.camel.component.dify.internal.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Push decoder for {@code text/event-stream} (WHATWG HTML "Server-sent events", section 9.2.6) fed with raw bytes
 * as they arrive from the network.
 * <p>
 * Lines are collected as bytes and decoded as UTF-8 only once complete, so a read that ends inside a multi-byte
 * character is harmless. Line ends may be LF, CRLF or CR, also when a CRLF pair is split across two reads. Comment
 * lines ({@code :...}) are ignored, {@code data:} may or may not be followed by a space, several {@code data:} lines
 * join with {@code \n}, and a block without data (Dify's bare {@code event: ping} keep-alive) dispatches nothing.
 * <p>
 * At end of input a frame whose last line was complete but that lacks the closing blank line is still dispatched (a
 * proxy may drop the final newline); a frame cut inside a line is discarded, since its data is truncated.
 * <p>
 * Not thread-safe: one decoder per stream, fed by one thread at a time.
 */
public final class SseDecoder {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Consumer<SseFrame> sink;
    // how many bytes of a leading byte order mark were read; -1 once the stream's first bytes are past
    private int bomMatched;
    private final int maxFrameSize;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLineFeed;
    private int frameSize;

    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);

    private byte[] data;
    private String event;
    // the SSE spec's "last event ID buffer": it outlives a dispatch, and only an id field changes it
    private String lastEventId;

    /**
     * @param sink         receives every dispatched frame, on the thread that calls {@link #feed}
     * @param maxFrameSize the largest frame, in bytes of all its lines, before {@link SseFrameTooLargeException}
     */
    public SseDecoder(Consumer<SseFrame> sink, int maxFrameSize) {
        if (maxFrameSize <= 0) {
            throw new IllegalArgumentException("maxFrameSize must be positive");
        }
        this.sink = sink;
        this.maxFrameSize = maxFrameSize;
    }

    /** Consumes all remaining bytes of {@code buffer}. */
    public void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            int start = buffer.arrayOffset() + buffer.position();
            int length = buffer.remaining();
            buffer.position(buffer.limit());
            feed(buffer.array(), start, length);
        } else {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            feed(bytes, 0, bytes.length);
        }
    }

    /** Consumes {@code length} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        // the spec ignores one leading byte order mark (EF BB BF), which may come split across reads
        while (bomMatched >= 0 && i < end) {
            if (bytes[i] == BOM[bomMatched]) {
                i++;
                if (++bomMatched == BOM.length) {
                    bomMatched = -1;
                }
            } else {
                int partial = bomMatched;
                bomMatched = -1;
                append(BOM, 0, partial); // not a byte order mark after all: those bytes begin the first line
            }
        }
        while (i < end) {
            if (skipLineFeed) {
                skipLineFeed = false;
                if (bytes[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int runStart = i;
            while (i < end && bytes[i] != '\n' && bytes[i] != '\r') {
                i++;
            }
            if (i < end && lineLength == 0 && i > runStart) {
                // the whole line is in this read, as it nearly always is: read it from there without a copy
                countFrameBytes(i - runStart);
                processField(bytes, runStart, i - runStart);
            } else {
                append(bytes, runStart, i - runStart);
                if (i == end) {
                    return; // the line goes on in the next read
                }
                endOfLine();
            }
            skipLineFeed = bytes[i++] == '\r';
        }
    }

    /** Signals the end of the stream; dispatches a pending frame whose lines were all complete. */
    public void endOfInput() {
        if (lineLength > 0) {
            lineLength = 0;
            data = null; // the frame was cut inside a line: its data is truncated, so it is dropped
        }
        dispatch();
    }

    private void countFrameBytes(int length) {
        frameSize += length;
        if (frameSize > maxFrameSize) {
            throw new SseFrameTooLargeException(maxFrameSize);
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        countFrameBytes(length);
        if (lineLength + length > line.length) {
            int size = Math.max(line.length * 2, lineLength + length);
            line = Arrays.copyOf(line, Math.min(Math.max(size, 256), Math.max(maxFrameSize, lineLength + length)));
        }
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    private void endOfLine() {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        processField(line, 0, lineLength);
        lineLength = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256]; // give back the memory of an unusually long line
        }
    }

    /** One complete line: {@code length} bytes of {@code bytes} from {@code offset}, without its line end. */
    private void processField(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int colon = indexOf(bytes, offset, end, (byte) ':');
        if (colon == offset) {
            return; // comment
        }
        int nameEnd = colon < 0 ? end : colon;
        int valueStart = colon < 0 ? end : colon + 1;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        if (is(bytes, offset, nameEnd, DATA)) {
            byte[] value = Arrays.copyOfRange(bytes, valueStart, end);
            if (data == null) {
                data = value;
            } else {
                // several data lines join with a line feed (rare: Dify sends one data line per event)
                byte[] joined = Arrays.copyOf(data, data.length + 1 + value.length);
                joined[data.length] = '\n';
                System.arraycopy(value, 0, joined, data.length + 1, value.length);
                data = joined;
            }
        } else if (is(bytes, offset, nameEnd, EVENT)) {
            event = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
        } else if (is(bytes, offset, nameEnd, ID)) {
            String value = new String(bytes, valueStart, end - valueStart, StandardCharsets.UTF_8);
            if (value.indexOf('\0') < 0) {
                lastEventId = value;
            }
        }
        // "retry" and unknown fields carry nothing a Dify client acts on
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(byte[] bytes, int from, int to, byte[] name) {
        return to - from == name.length && Arrays.equals(bytes, from, to, name, 0, name.length);
    }

    private void dispatch() {
        byte[] frameData = data;
        String frameEvent = event;
        data = null;
        event = null;
        frameSize = 0;
        if (frameData != null) {
            sink.accept(new SseFrame(frameEvent, frameData, lastEventId));
        }
    }
}
