/*
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.apache.camel.component.dify;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Binary answers arrive as a stream in the body; audio uploads stream like files. */
class DifyMediaOperationsTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answer("Spoken answer.");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String bot = "user=kim&apiKey=" + BOT.apiKey();
                from("direct:upload").to("dify:uploadFile?" + bot);
                from("direct:chat").to("dify:chat?" + bot);
                from("direct:preview").to("dify:filePreview?" + bot)
                        .convertBodyTo(String.class);
                from("direct:speak").to("dify:textToAudio?" + bot)
                        .process(e -> {
                            try (InputStream audio = e.getMessage().getBody(InputStream.class)) {
                                long total = 0;
                                byte[] buffer = new byte[8192];
                                for (int n; (n = audio.read(buffer)) > 0;) {
                                    total += n;
                                }
                                e.getMessage().setHeader("audioBytes", total);
                            }
                        });
                from("direct:speakFirstBytes").to("dify:textToAudio?disableStreamCache=true&" + bot)
                        .process(e -> e.getMessage()
                                .setHeader("firstBytes",
                                        new String(e.getMessage().getBody(InputStream.class).readNBytes(3),
                                                StandardCharsets.UTF_8)));
                from("direct:transcribe").to("dify:audioToText?" + bot);
            }
        };
    }

    @Test
    void aFileIsPreviewableOnceAMessageReferencesItAndArrivesAsAStream() {
        String id = send("direct:upload", "hello preview".getBytes(StandardCharsets.UTF_8), Exchange.FILE_NAME,
                "note.txt").getMessage().getBody(String.class);
        DifyException notYet = send("direct:preview", null, DifyConstants.FILE_ID, id)
                .getException(DifyException.class);
        assertThat(notYet.getHttpStatus()).isEqualTo(404);
        assertThat(notYet.getDifyMessage()).isEqualTo("File not found in message context");
        send("direct:chat", "read this", DifyConstants.FILES,
                org.apache.camel.component.dify.api.FileReference.localFile("document", id));

        Exchange preview = send("direct:preview", null, DifyConstants.FILE_ID, id);

        assertThat(preview.getException()).isNull();
        assertThat(preview.getMessage().getBody(String.class)).isEqualTo("hello preview");
        assertThat(preview.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class)).startsWith("text/plain");
        assertThat(simulator().requests("GET", "/files/" + id + "/preview").get(1).query()).contains("user=kim");
    }

    @Test
    void speechArrivesAsAStreamOfAnySize() {
        String text = "word ".repeat(1000); // about 10 MB of audio from the simulator

        Exchange spoken = send("direct:speak", Map.of("text", text));

        assertThat(spoken.getException()).isNull();
        assertThat(spoken.getMessage().getHeader("audioBytes", Long.class)).isEqualTo(text.length() * 2048L);
        assertThat(spoken.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("audio/mpeg");
    }

    @Test
    void aStreamReadOnlyInPartIsReleasedWithTheExchange() {
        Exchange first = send("direct:speakFirstBytes", Map.of("text", "word ".repeat(1000)));
        Exchange second = send("direct:speakFirstBytes", Map.of("text", "short"));

        assertThat(first.getMessage().getHeader("firstBytes")).isEqualTo("ID3");
        assertThat(second.getException()).as("the connection of the abandoned stream was released").isNull();
    }

    @Test
    void audioIsTranscribed() {
        Exchange exchange = send("direct:transcribe", new byte[4096], Exchange.FILE_NAME, "voice.mp3");

        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("text",
                "Transcript of voice.mp3 (4096 bytes)");
        assertThat(simulator().requests("POST", "/audio-to-text").get(0).formFields()).containsEntry("user", "kim");
    }

    @Test
    void unsupportedAudioIs415() {
        DifyException error = send("direct:transcribe", new byte[16], Exchange.FILE_NAME, "voice.ogg")
                .getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(415);
        assertThat(error.getCode()).isEqualTo("unsupported_audio_type");
    }
}
