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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;

/**
 * Writes a {@code multipart/form-data} body without holding it in memory: the text fields and part headers are
 * small and prepared up front, the file is read in 64 KiB chunks as the socket accepts data, so an upload larger
 * than the heap works and a slow network never blocks a thread.
 */
final class MultipartEntityProducer implements AsyncEntityProducer {

    private static final int CHUNK = 64 * 1024;

    private final String boundary = "dify-" + UUID.randomUUID();
    private final UploadSource file;
    private final ByteBuffer head;
    private final ByteBuffer tail;
    private final long contentLength;

    private ReadableByteChannel channel;
    private ByteBuffer chunk;
    private boolean fileDone;
    private volatile Exception failure;

    MultipartEntityProducer(Map<String, String> fields, String fileField, UploadSource file) {
        this.file = file;
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        fields.forEach((name, value) -> {
            if (value != null) {
                write(prefix, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(name)
                        + "\"\r\n\r\n" + value + "\r\n");
            }
        });
        write(prefix, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(fileField)
                + "\"; filename=\"" + quote(file.filename()) + "\"\r\nContent-Type: " + file.contentType()
                + "\r\n\r\n");
        this.head = ByteBuffer.wrap(prefix.toByteArray());
        this.tail = ByteBuffer.wrap(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        this.contentLength = file.length() < 0 ? -1 : head.remaining() + file.length() + tail.remaining();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    // RFC 7578 section 4.2: quotes and line breaks in names are percent-encoded
    private static String quote(String value) {
        return value.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    @Override
    public boolean isRepeatable() {
        return false;
    }

    @Override
    public void failed(Exception cause) {
        failure = cause;
        releaseResources();
    }

    @Override
    public long getContentLength() {
        return contentLength;
    }

    @Override
    public String getContentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    @Override
    public String getContentEncoding() {
        return null;
    }

    @Override
    public boolean isChunked() {
        return contentLength < 0;
    }

    @Override
    public Set<String> getTrailerNames() {
        return null;
    }

    @Override
    public int available() {
        return failure == null ? Integer.MAX_VALUE : 0;
    }

    @Override
    public void produce(DataStreamChannel out) throws IOException {
        if (head.hasRemaining()) {
            out.write(head);
            if (head.hasRemaining()) {
                return;
            }
        }
        while (!fileDone) {
            if (chunk != null && chunk.hasRemaining()) {
                out.write(chunk);
                if (chunk.hasRemaining()) {
                    return; // the socket is full: produce() is called again when it drains
                }
            }
            if (channel == null) {
                channel = file.opener().open();
                chunk = ByteBuffer.allocate(CHUNK);
            }
            chunk.clear();
            int read = channel.read(chunk);
            chunk.flip();
            if (read < 0) {
                fileDone = true;
                channel.close();
            }
        }
        out.write(tail);
        if (!tail.hasRemaining()) {
            out.endStream();
        }
    }

    @Override
    public void releaseResources() {
        ReadableByteChannel open = channel;
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing left to do with a channel we are discarding
            }
        }
    }
}
