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
package org.apache.camel.component.dify.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body as a stream, part by part, without holding a part in memory: uploads larger
 * than the heap pass through it. Parts are reported to a {@link PartHandler}, whose content sink sees the bytes as
 * they are read.
 */
final class MultipartReader {

    interface PartHandler {

        /** Called at the start of a part; returns where its content goes. */
        ContentSink startPart(Map<String, String> headers);
    }

    interface ContentSink {

        void write(byte[] bytes, int offset, int length);
    }

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Extracts the boundary from a Content-Type header, or returns {@code null}. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = p.substring(9);
                return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** Reads all parts; throws {@link IOException} for a malformed body. */
    void read(PartHandler handler) throws IOException {
        // the body begins with the delimiter without its leading CRLF
        byte[] first = new byte[delimiter.length - 2];
        System.arraycopy(delimiter, 2, first, 0, first.length);
        if (!skipUntil(first)) {
            throw new IOException("no multipart boundary");
        }
        while (true) {
            if (!ensure(2)) {
                throw new IOException("truncated multipart body");
            }
            if (buffer[start] == '-' && buffer[start + 1] == '-') {
                return; // closing delimiter
            }
            start += 2; // CRLF after the delimiter
            ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
            byte[] headerEnd = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            if (!copyUntil(headerEnd, (b, o, l) -> {
                if (headerBytes.size() + l > MAX_HEADER_BYTES) {
                    throw new IllegalStateException("multipart headers too large");
                }
                headerBytes.write(b, o, l);
            })) {
                throw new IOException("truncated multipart headers");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : headerBytes.toString(StandardCharsets.UTF_8).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            ContentSink sink = handler.startPart(headers);
            if (!copyUntil(delimiter, sink)) {
                throw new IOException("truncated multipart part");
            }
        }
    }

    private boolean skipUntil(byte[] marker) throws IOException {
        return copyUntil(marker, (b, o, l) -> {
        });
    }

    /** Copies bytes to {@code sink} until {@code marker}, which is consumed; false at end of input first. */
    private boolean copyUntil(byte[] marker, ContentSink sink) throws IOException {
        while (true) {
            int found = indexOf(marker);
            if (found >= 0) {
                if (found > start) {
                    sink.write(buffer, start, found - start);
                }
                start = found + marker.length;
                return true;
            }
            int safe = end - (marker.length - 1);
            if (safe > start) {
                sink.write(buffer, start, safe - start);
                start = safe;
            }
            if (eof || !fill()) {
                return false;
            }
        }
    }

    private int indexOf(byte[] marker) {
        outer : for (int i = start; i <= end - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private boolean ensure(int bytes) throws IOException {
        while (end - start < bytes) {
            if (eof || !fill()) {
                return false;
            }
        }
        return true;
    }

    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
            return false;
        }
        end += read;
        return true;
    }
}
