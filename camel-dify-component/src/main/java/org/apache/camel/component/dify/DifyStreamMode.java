package org.apache.camel.component.dify;

/** How a streamed Dify answer reaches the route. */
public enum DifyStreamMode {
    /** One result when the stream has ended. */
    aggregate,
    /** A lazy, closeable iterator of typed events, for {@code .split(body()).streaming()}. */
    events
}
