package org.apache.camel.component.dify.protocol.event;

/** {@code message_replace}: Replaces the whole answer so far (output moderation). */
public class MessageReplaceEvent extends DifyStreamEvent {

    private String answer;

    private String reason;

    public String getAnswer() {
        return answer;
    }

    public String getReason() {
        return reason;
    }
}
