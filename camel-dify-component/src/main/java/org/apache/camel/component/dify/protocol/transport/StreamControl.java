package org.apache.camel.component.dify.protocol.transport;

/**
 * What a stream's reader may do to the response it reads: let more bytes in, or abort it. Safe to call from any
 * thread; neither call waits.
 */
public interface StreamControl {

    /**
     * The reader made room (took events or bytes): the connection reads on as far as the read window allows. Until
     * then a reader that is not {@linkplain EventStreamHandler#readyForMore() ready for more} keeps the socket
     * unread, and the server's writes wait (TCP backpressure).
     */
    void resume();

    /** Aborts the HTTP exchange and closes its connection. */
    void cancel();
}
