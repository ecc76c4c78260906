package org.apache.camel.component.dify.protocol.event;

import java.util.List;

/** {@code message}: A piece of the answer (text delta). In Chatflow, {@code fromVariableSelector} names the source variable; New Agent's closing {@code message} carries the whole answer. */
public class MessageEvent extends DifyStreamEvent {

    private String id;

    private String answer;

    private List<String> fromVariableSelector;

    public String getId() {
        return id;
    }

    public String getAnswer() {
        return answer;
    }

    public List<String> getFromVariableSelector() {
        return fromVariableSelector;
    }
}
