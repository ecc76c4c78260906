package org.apache.camel.component.dify.protocol.event;

/** {@code node_finished}: A node finished; {@code data.status} tells how. */
public class NodeFinishedEvent extends DifyStreamEvent {

    private NodeData data;

    public NodeData getData() {
        return data;
    }
}
