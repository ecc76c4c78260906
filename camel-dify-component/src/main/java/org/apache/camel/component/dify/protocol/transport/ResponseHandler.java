package org.apache.camel.component.dify.protocol.transport;

import java.io.IOException;

/** Turns a successful (2xx) response into a result; error responses never reach it. */
public interface ResponseHandler<T> {

    /** A complete non-streamed body (empty for 201/204 without content). */
    T onBody(int status, String contentType, byte[] body) throws IOException;

    /**
     * The handler for a {@code text/event-stream} response, or {@code null} when this call does not expect a stream
     * (the response is then reported as invalid).
     */
    default EventStreamHandler<T> onEventStream() {
        return null;
    }

    /**
     * Whether a successful response of this content type is binary and should reach the caller as a
     * {@link StreamedBody} while it arrives (the call's result is then that stream).
     */
    default boolean streamsBinary(String contentType) {
        return false;
    }
}
