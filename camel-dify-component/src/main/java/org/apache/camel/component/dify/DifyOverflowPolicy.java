package org.apache.camel.component.dify;

/** What a stream does when a {@code dify:events} consumer's queue is full. */
public enum DifyOverflowPolicy {
    /** The stream stops reading from Dify until the consumer's route has taken events (nothing is lost). */
    wait,
    /** The stream fails with {@code consumer_overflow}, and so does its producer exchange. */
    fail
}
