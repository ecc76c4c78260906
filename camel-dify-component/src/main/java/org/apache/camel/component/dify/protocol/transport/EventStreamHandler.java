package org.apache.camel.component.dify.protocol.transport;

import org.apache.camel.component.dify.protocol.StreamProgress;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;

/**
 * Receives the events of one stream, on the I/O thread and in order, and builds the result at end of stream.
 * Throwing a {@link org.apache.camel.component.dify.protocol.DifyException} from either method fails the call and
 * closes the connection.
 */
public interface EventStreamHandler<T> {

    /** The stream began (status 2xx, event stream); {@code control} is valid until the stream ends. */
    default void onStart(StreamControl control) {
    }

    /**
     * A result to complete the call with as soon as the stream begins, while events go on arriving (a lazy
     * iterator), or {@code null} to complete at the end with {@link #onEnd()}.
     */
    default T earlyResult() {
        return null;
    }

    /**
     * Whether the handler lets bytes in itself through {@link StreamControl#resume()}; otherwise the transport reads
     * as fast as events are handled.
     */
    default boolean controlsFlow() {
        return false;
    }

    /**
     * Whether the handler is waiting for the next event. The idle watchdog only counts time while it is: a reader
     * that holds unread events is slow, not stalled.
     */
    default boolean awaitingEvents() {
        return true;
    }

    /** The call failed after an early result was delivered; the handler reports it to its reader. */
    default void onFailure(RuntimeException failure) {
    }

    void onEvent(DifyEvent event);

    /** The server closed the stream; return the result or throw if the stream was incomplete. */
    T onEnd();

    /** What has arrived so far, for the exception of a stream that fails or stalls. Called from any thread. */
    StreamProgress progress();
}
