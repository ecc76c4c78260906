package org.apache.camel.component.dify.protocol.sse;

/**
 * Thrown by {@link SseDecoder} when one frame grows beyond the configured bound: protects the heap from a stream that
 * never sends a blank line.
 */
public class SseFrameTooLargeException extends RuntimeException {

    public SseFrameTooLargeException(int maxFrameSize) {
        super("Server-Sent Events frame exceeds maxFrameSize of " + maxFrameSize
              + " bytes; raise the Dify endpoint option maxFrameSize if the server legitimately sends larger events");
    }
}
