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

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.FileReference;
import org.apache.camel.component.dify.api.UploadedFile;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DifyUploadFileTest extends DifyTestSupport {

    private static final SimulatedApp CHATBOT = simulator().createApp(AppMode.CHAT).answer("Read your file.");
    private static final Path INBOX = Path.of("target", "upload-inbox");

    @TempDir
    Path dir;

    @Override
    protected RouteBuilder createRouteBuilder() throws Exception {
        Files.createDirectories(INBOX);
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:upload").to("dify:uploadFile?user=carol&apiKey=" + CHATBOT.apiKey());
                from("direct:full").to("dify:uploadFile?fullResponse=true&apiKey=" + CHATBOT.apiKey());
                from("file:" + INBOX + "?delete=true")
                        .to("dify:uploadFile?user=carol&apiKey=" + CHATBOT.apiKey())
                        .to("mock:uploaded");
                from("direct:chat").to("dify:chat?user=carol&apiKey=" + CHATBOT.apiKey());
            }
        };
    }

    @AfterEach
    void restoreLimits() {
        simulator().uploadLimits().documents(15L * 1024 * 1024).images(10L * 1024 * 1024);
    }

    @Test
    void uploadsAFileAndReturnsItsId() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.md"), "# Notes\nhello");

        Exchange exchange = send("direct:upload", file.toFile());

        assertThat(exchange.getException()).isNull();
        String id = exchange.getMessage().getBody(String.class);
        assertThat(id).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.FILE_ID)).isEqualTo(id);
        RecordedRequest request = lastUpload();
        assertThat(request.formFields()).containsEntry("user", "carol");
        assertThat(request.uploadedBytes()).isEqualTo(Files.size(file));
    }

    @Test
    void acceptsPathBytesAndStreamBodies() throws Exception {
        Path path = Files.writeString(dir.resolve("a.txt"), "path body");
        byte[] bytes = "byte body".getBytes(StandardCharsets.UTF_8);

        Exchange fromPath = send("direct:upload", path);
        Exchange fromBytes = send("direct:upload", bytes, Exchange.FILE_NAME, "b.txt");
        Exchange fromStream = send("direct:upload", new ByteArrayInputStream(bytes), Exchange.FILE_NAME,
                "dir/c.pdf");

        for (Exchange exchange : List.of(fromPath, fromBytes, fromStream)) {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(String.class)).isNotBlank();
        }
        assertThat(lastUpload().uploadedBytes()).isEqualTo(bytes.length);
    }

    @Test
    void fullResponseCarriesTheFileDetails() throws Exception {
        Path file = Files.writeString(dir.resolve("report.pdf"), "%PDF-1.4 fake");

        UploadedFile uploaded = send("direct:full", file).getMessage().getBody(UploadedFile.class);

        assertThat(uploaded.name()).isEqualTo("report.pdf");
        assertThat(uploaded.mimeType()).isEqualTo("application/pdf");
        assertThat(uploaded.extension()).isEqualTo("pdf");
        assertThat(uploaded.size()).isEqualTo(Files.size(file));
    }

    @Test
    void uploadsFilesFromTheFileComponent() throws Exception {
        MockEndpoint uploaded = getMockEndpoint("mock:uploaded");
        uploaded.expectedMessageCount(1);
        uploaded.message(0).header(DifyConstants.FILE_ID).isNotNull();

        Files.writeString(INBOX.resolve("inbox-doc.txt"), "from the file component");

        uploaded.assertIsSatisfied();
        assertThat(lastUpload().uploadedBytes()).isEqualTo("from the file component".length());
    }

    @Test
    void anUploadedFileCanBeAttachedToAChat() throws Exception {
        String id = send("direct:upload", Files.writeString(dir.resolve("x.txt"), "x")).getMessage()
                .getBody(String.class);

        Exchange exchange = send("direct:chat", "Summarise the file", DifyConstants.FILES,
                List.of(FileReference.localFile("document", id)));

        assertThat(exchange.getException()).isNull();
        var chat = simulator().requests("POST", "/chat-messages");
        RecordedRequest request = chat.get(chat.size() - 1);
        assertThat(request.json().get("files").get(0).get("upload_file_id").asText()).isEqualTo(id);
        assertThat(request.json().get("files").get(0).get("transfer_method").asText()).isEqualTo("local_file");
    }

    @Test
    void aFileOfAnotherUserIsRejectedByDify() throws Exception {
        String id = send("direct:upload", Files.writeString(dir.resolve("y.txt"), "y")).getMessage()
                .getBody(String.class);

        DifyException error = send("direct:chat", "Summarise", DifyConstants.USER, "mallory", DifyConstants.FILES,
                Map.of("type", "document", "transfer_method", "local_file", "upload_file_id", id))
                .getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getDifyMessage()).isEqualTo("Invalid upload file id");
    }

    @Test
    void aFileOverTheLimitIs413() throws Exception {
        simulator().uploadLimits().documents(1024);
        Path file = Files.write(dir.resolve("big.txt"), new byte[4096]);

        DifyException error = send("direct:upload", file).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(413);
        assertThat(error.getCode()).isEqualTo("file_too_large");
    }

    @Test
    void aFileLargerThanTheHeapUploadsBecauseItIsStreamed() throws Exception {
        long heap = Runtime.getRuntime().maxMemory();
        long size = heap + 64L * 1024 * 1024;
        simulator().uploadLimits().documents(Long.MAX_VALUE);
        File file = dir.resolve("larger-than-heap.bin.txt").toFile();
        try (RandomAccessFile sparse = new RandomAccessFile(file, "rw")) {
            sparse.setLength(size); // sparse: costs no disk writes
        }

        Exchange exchange = send("direct:upload", file);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isNotBlank();
        assertThat(lastUpload().uploadedBytes()).isEqualTo(size).isGreaterThan(heap);
    }

    private static RecordedRequest lastUpload() {
        var uploads = simulator().requests("POST", "/files/upload");
        return uploads.get(uploads.size() - 1);
    }
}
