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
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes a gzip or deflate {@code Content-Encoding}: of an event stream as its bytes arrive, so each event is decoded
 * when its compressed bytes are in (a gateway that compresses with a flush per event keeps the stream live), and of a
 * complete body. The gzip header is parsed as it arrives; the trailer is ignored.
 */
final class StreamingDecompressor {

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Inflater inflater;
    private final ByteArrayOutputStream header;
    private final byte[] buffer = new byte[16 * 1024];
    private boolean headerDone;

    private StreamingDecompressor(boolean gzip) {
        this.inflater = new Inflater(gzip);
        this.header = gzip ? new ByteArrayOutputStream() : null;
    }

    /** A decompressor for this {@code Content-Encoding}, or {@code null} when the body is not compressed. */
    static StreamingDecompressor forEncoding(String contentEncoding) {
        String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "gzip", "x-gzip" -> new StreamingDecompressor(true);
            case "deflate" -> new StreamingDecompressor(false);
            default -> null;
        };
    }

    /**
     * A complete body without its {@code Content-Encoding} (gateways sometimes compress although the client does not
     * ask); {@code identity}, none or an unknown coding leave it as it is.
     *
     * @throws IllegalStateException the body is corrupt or cut short
     */
    static byte[] decodeWhole(String contentEncoding, byte[] body) {
        StreamingDecompressor decompressor = body.length == 0 ? null : forEncoding(contentEncoding);
        if (decompressor == null) {
            return body;
        }
        ByteBuffer plain = decompressor.decompress(ByteBuffer.wrap(body));
        if (!decompressor.inflater.finished()) {
            throw new IllegalStateException("the compressed body from Dify ends before its compressed data does");
        }
        byte[] bytes = new byte[plain.remaining()];
        plain.get(bytes);
        return bytes;
    }

    /** The bytes {@code src} decompresses to so far (possibly none); consumes all of {@code src}. */
    ByteBuffer decompress(ByteBuffer src) {
        byte[] input = new byte[src.remaining()];
        src.get(input);
        int offset = 0;
        if (header != null && !headerDone) {
            header.writeBytes(input);
            byte[] seen = header.toByteArray();
            int length = gzipHeaderLength(seen);
            if (length < 0) {
                return ByteBuffer.allocate(0);
            }
            headerDone = true;
            input = seen;
            offset = length;
        }
        if (inflater.finished()) {
            return ByteBuffer.allocate(0); // the gzip trailer, or bytes after the end of the compressed data
        }
        inflater.setInput(input, offset, input.length - offset);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException("the compressed event stream from Dify is corrupt: " + e.getMessage(), e);
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    /** The gzip header's length (RFC 1952 section 2.3), or -1 while it is incomplete. */
    private static int gzipHeaderLength(byte[] bytes) {
        if (bytes.length < 10) {
            return -1;
        }
        if ((bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b || bytes[2] != 8) {
            throw new IllegalStateException("the event stream says gzip but is not in the gzip format");
        }
        int flags = bytes[3] & 0xff;
        int position = 10;
        if ((flags & FEXTRA) != 0) {
            if (bytes.length < position + 2) {
                return -1;
            }
            position += 2 + ((bytes[position] & 0xff) | (bytes[position + 1] & 0xff) << 8);
        }
        for (int field : new int[]{FNAME, FCOMMENT}) {
            if ((flags & field) != 0) {
                while (position < bytes.length && bytes[position] != 0) {
                    position++;
                }
                if (position >= bytes.length) {
                    return -1;
                }
                position++;
            }
        }
        if ((flags & FHCRC) != 0) {
            position += 2;
        }
        return position <= bytes.length ? position : -1;
    }
}
