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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.FileReference;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Binary answers follow Camel's stream caching convention: a StreamCache a caller reads after the exchange (here with
 * a ProducerTemplate, which returns once the exchange is done), spooled to a file past the spool threshold; with
 * disableStreamCache=true, the raw stream, which belongs to the exchange.
 */
class DifyBinaryAnswersTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answer("Binary answers.");
    private static final String DATASET_KEY = simulator().createDatasetKey();
    private static final SimulatedDataset DATASET = simulator().createDataset("Binary answers");
    private static final int SPOOL_THRESHOLD = 64 * 1024;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getStreamCachingStrategy().setSpoolEnabled(true);
        camel.getStreamCachingStrategy().setSpoolThreshold(SPOOL_THRESHOLD);
        camel.getStreamCachingStrategy().setSpoolDirectory("target/dify-spool");
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:upload").to("dify:uploadFile?user=kim&apiKey=" + BOT.apiKey());
                from("direct:chat").to("dify:chat?user=kim&apiKey=" + BOT.apiKey());
            }
        };
    }

    private String bot() {
        return "user=kim&apiKey=" + BOT.apiKey();
    }

    @Test
    void aFilePreviewIsReadableAfterTheExchange() throws Exception {
        String id = send("direct:upload", "kept after the exchange".getBytes(StandardCharsets.UTF_8),
                Exchange.FILE_NAME,
                "note.txt").getMessage().getBody(String.class);
        send("direct:chat", "read this", DifyConstants.FILES, FileReference.localFile("document", id));

        InputStream preview = template.requestBodyAndHeader("dify:filePreview?" + bot(), null, DifyConstants.FILE_ID,
                id, InputStream.class);

        assertThat(preview).isInstanceOf(StreamCache.class);
        assertThat(new String(preview.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept after the exchange");
    }

    @Test
    void speechPastTheSpoolThresholdIsSpooledToAFileAndReadableAfterTheExchange() throws Exception {
        String text = "word ".repeat(200); // about 2 MB of audio from the simulator

        Object audio = template.requestBody("dify:textToAudio?" + bot(), Map.of("text", text));

        assertThat(audio).isInstanceOf(StreamCache.class);
        assertThat(audio.getClass().getSimpleName()).as("past the threshold, on disk").contains("File");
        try (InputStream in = (InputStream) audio) {
            assertThat(in.readAllBytes()).hasSize(text.length() * 2048).startsWith("ID3".getBytes());
        }
        StreamCache again = (StreamCache) audio;
        again.reset();
    }

    @Test
    void aZipOfDocumentsIsReadableAfterTheExchange() throws Exception {
        SimulatedDataset.Document document = DATASET.addDocument("handbook.txt", "Returns within 30 days.");

        InputStream zip = template.requestBodyAndHeader(
                "dify:downloadDocumentsZip?apiKey=" + DATASET_KEY + "&datasetId=" + DATASET.id(),
                Map.of("document_ids", List.of(document.id())), DifyConstants.DATASET_ID, DATASET.id(),
                InputStream.class);

        try (ZipInputStream entries = new ZipInputStream(zip)) {
            ZipEntry entry = entries.getNextEntry();
            assertThat(entry).isNotNull();
            assertThat(new String(entries.readAllBytes(), StandardCharsets.UTF_8)).contains("Returns within 30 days.");
        }
    }

    @Test
    void withDisableStreamCacheTheRawStreamBelongsToTheExchange() {
        Object audio = template.requestBody("dify:textToAudio?disableStreamCache=true&" + bot(),
                Map.of("text", "word ".repeat(200)));

        assertThat(audio).isInstanceOf(InputStream.class).isNotInstanceOf(StreamCache.class);
        assertThat(catchThrowable(() -> ((InputStream) audio).read())).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
    }
}
