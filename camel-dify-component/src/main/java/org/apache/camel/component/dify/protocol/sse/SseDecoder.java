package org.apache.camel.component.dify.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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

    private final Consumer<SseFrame> sink;
    private final int maxFrameSize;

    private byte[] line = new byte[256];
    private int lineLength;
    private boolean skipLineFeed;
    private int frameSize;

    private StringBuilder data;
    private String event;
    private String id;

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
        while (buffer.hasRemaining()) {
            byte b = buffer.get();
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n') {
                endOfLine();
            } else if (b == '\r') {
                endOfLine();
                skipLineFeed = true;
            } else {
                append(b);
            }
        }
    }

    /** Consumes {@code length} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /** Signals the end of the stream; dispatches a pending frame whose lines were all complete. */
    public void endOfInput() {
        if (lineLength > 0) {
            lineLength = 0;
            data = null; // the frame was cut inside a line: its data is truncated, so it is dropped
        }
        dispatch();
    }

    private void append(byte b) {
        if (++frameSize > maxFrameSize) {
            throw new SseFrameTooLargeException(maxFrameSize);
        }
        if (lineLength == line.length) {
            byte[] bigger = new byte[Math.min(Math.max(line.length * 2, 256), maxFrameSize)];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        line[lineLength++] = b;
    }

    private void endOfLine() {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256]; // give back the memory of an unusually long line
        }
        processField(text);
    }

    private void processField(String text) {
        int colon = text.indexOf(':');
        if (colon == 0) {
            return; // comment
        }
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = "";
        if (colon > 0) {
            int start = colon + 1;
            if (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            value = text.substring(start);
        }
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value.length());
                } else {
                    data.append('\n');
                }
                data.append(value);
            }
            case "event" -> event = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    id = value;
                }
            }
            default -> {
                // "retry" and unknown fields carry nothing a Dify client acts on
            }
        }
    }

    private void dispatch() {
        StringBuilder frameData = data;
        String frameEvent = event;
        String frameId = id;
        data = null;
        event = null;
        id = null;
        frameSize = 0;
        if (frameData != null) {
            sink.accept(new SseFrame(frameEvent, frameData.toString(), frameId));
        }
    }
}
