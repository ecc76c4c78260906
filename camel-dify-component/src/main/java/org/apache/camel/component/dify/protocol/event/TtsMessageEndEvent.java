package org.apache.camel.component.dify.protocol.event;

/** {@code tts_message_end}: End of the speech stream. */
public class TtsMessageEndEvent extends DifyStreamEvent {

    private String audio;

    public String getAudio() {
        return audio;
    }
}
