package org.apache.camel.component.dify.protocol.event;

/** {@code node_started}: A node started executing. */
public class NodeStartedEvent extends DifyStreamEvent {

    private NodeData data;

    public NodeData getData() {
        return data;
    }
}
