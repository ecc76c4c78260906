package org.apache.camel.component.dify.protocol.event;

/** {@code message_file}: A file produced for the message, or, when it carries {@code answer} and no {@code url}, a text delta (Dify names deltas {@code message_file} once a message has an assistant file). */
public class MessageFileEvent extends DifyStreamEvent {

    private String id;

    private String type;

    private String belongsTo;

    private String url;

    private String answer;

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getBelongsTo() {
        return belongsTo;
    }

    public String getUrl() {
        return url;
    }

    public String getAnswer() {
        return answer;
    }

    /** Whether this frame is a text delta rather than a file (it carries {@code answer} and no {@code url}). */
    public boolean isTextDelta() {
        return answer != null && url == null;
    }
}
