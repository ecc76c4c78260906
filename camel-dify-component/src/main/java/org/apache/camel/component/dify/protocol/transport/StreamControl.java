package org.apache.camel.component.dify.protocol.transport;

/**
 * What an {@link EventStreamHandler} may do to the stream it reads: let more bytes in, abort it, or report that the
 * reader is making progress. Safe to call from any thread.
 */
public interface StreamControl {

    /**
     * Lets the network deliver the bytes the handler has consumed since the last call. Handlers that
     * {@linkplain EventStreamHandler#controlsFlow() control the flow} call it when they can take more events; until
     * then the connection stops reading, and the server's writes wait (TCP backpressure).
     */
    void resume();

    /** Aborts the HTTP exchange and releases its connection. */
    void cancel();
}
