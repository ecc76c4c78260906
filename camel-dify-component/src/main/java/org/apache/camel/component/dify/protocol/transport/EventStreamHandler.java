package org.apache.camel.component.dify.protocol.transport;

import org.apache.camel.component.dify.protocol.StreamProgress;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;

/**
 * Receives the events of one stream, on the I/O thread and in order, and builds the result at end of stream.
 * Throwing a {@link org.apache.camel.component.dify.protocol.DifyException} from either method fails the call and
 * closes the connection.
 */
public interface EventStreamHandler<T> {

    void onEvent(DifyEvent event);

    /** The server closed the stream; return the result or throw if the stream was incomplete. */
    T onEnd();

    /** What has arrived so far, for the exception of a stream that fails or stalls. Called from any thread. */
    StreamProgress progress();
}
