package org.apache.camel.component.dify.consumer;

import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;

/** Test access to the follower's event identity, to check that nothing is delivered twice. */
public final class DifyWorkflowRunConsumerIdentity {

    private DifyWorkflowRunConsumerIdentity() {
    }

    public static String of(DifyStreamEvent event) {
        return DifyWorkflowRunConsumer.identity(event);
    }
}
