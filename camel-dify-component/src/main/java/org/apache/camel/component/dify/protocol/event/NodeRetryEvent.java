package org.apache.camel.component.dify.protocol.event;

/** {@code node_retry}: A node failed and is retried ({@code data.retryIndex}). */
public class NodeRetryEvent extends DifyStreamEvent {

    private NodeData data;

    public NodeData getData() {
        return data;
    }
}
