package org.apache.camel.component.dify.protocol.event;

/** {@code tts_message}: A chunk of synthesized speech, base64 mp3. */
public class TtsMessageEvent extends DifyStreamEvent {

    private String audio;

    public String getAudio() {
        return audio;
    }
}
