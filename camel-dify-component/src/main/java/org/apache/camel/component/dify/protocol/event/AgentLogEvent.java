package org.apache.camel.component.dify.protocol.event;

/** {@code agent_log}: A log entry of an agent node inside a workflow. */
public class AgentLogEvent extends DifyStreamEvent {

    private AgentLogData data;

    public AgentLogData getData() {
        return data;
    }
}
