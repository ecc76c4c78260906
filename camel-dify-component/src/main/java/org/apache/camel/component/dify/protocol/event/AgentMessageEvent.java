package org.apache.camel.component.dify.protocol.event;

/** {@code agent_message}: A piece of an Agent app's answer (text delta). */
public class AgentMessageEvent extends DifyStreamEvent {

    private String id;

    private String answer;

    public String getId() {
        return id;
    }

    public String getAnswer() {
        return answer;
    }
}
