package org.apache.camel.component.dify.example;

import org.apache.camel.component.dify.protocol.event.AgentMessageEvent;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.component.dify.protocol.event.MessageEndEvent;
import org.apache.camel.component.dify.protocol.event.MessageEvent;
import org.apache.camel.component.dify.protocol.event.MessageFileEvent;
import org.apache.camel.component.dify.protocol.event.MessageReplaceEvent;

/**
 * Prints an answer token by token as its events arrive, and returns the whole answer at {@code message_end} (null
 * for every other event). Used by the Java and the YAML route alike; one answer at a time.
 */
public class TokenPrinter {

    private final StringBuilder answer = new StringBuilder();

    public String print(DifyStreamEvent event) {
        String delta = null;
        if (event instanceof MessageEvent message) {
            delta = message.getAnswer();
        } else if (event instanceof AgentMessageEvent agent) {
            delta = agent.getAnswer();
        } else if (event instanceof MessageFileEvent file && file.isTextDelta()) {
            delta = file.getAnswer();
        } else if (event instanceof MessageReplaceEvent replace) {
            answer.setLength(0);
            answer.append(replace.getAnswer());
            System.out.print("\n      (moderated) " + replace.getAnswer());
        } else if (event instanceof MessageEndEvent end) {
            String whole = answer.toString();
            answer.setLength(0);
            Integer tokens = end.getMetadata() == null || end.getMetadata().usage() == null ? null
                    : end.getMetadata().usage().totalTokens();
            System.out.println(tokens == null ? "" : "  [" + tokens + " tokens]");
            System.out.flush();
            return whole;
        }
        if (delta != null) {
            if (answer.length() == 0) {
                System.out.print("Dify: ");
            }
            answer.append(delta);
            System.out.print(delta);
            System.out.flush();
        }
        return null;
    }
}
