package org.apache.camel.component.dify.protocol.stream;

import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;

/**
 * Sees every event of a stream as it is decoded, in order, besides the stream's own reader: how events reach
 * routes that did not start the stream. Called on the I/O thread; it must not block.
 */
public interface StreamObserver {

    /**
     * @param event the typed event
     * @param index its position in the stream, from 0
     */
    void onEvent(DifyStreamEvent event, long index);

    /** Whether the observer can take more events now; while it cannot, the stream stops reading. */
    boolean accepting();

    /** Runs {@code resume} once the observer can take events again. */
    void whenAccepting(Runnable resume);
}
