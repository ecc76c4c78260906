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

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file to upload, read in chunks while the request is written, so its size is not bounded by the heap.
 *
 * @param filename    the name Dify stores (no {@code /} or {@code \})
 * @param contentType the part's MIME type (Dify answers 415 without one)
 * @param length      the size in bytes, or -1 when unknown (the request is then sent chunked)
 * @param opener      opens the content; called once, on the I/O thread
 */
public record UploadSource(String filename, String contentType, long length, Opener opener) {

    /** Opens the content of an upload. */
    @FunctionalInterface
    public interface Opener {

        ReadableByteChannel open() throws IOException;
    }

    public static UploadSource ofPath(Path path, String filename, String contentType) throws IOException {
        long size = Files.size(path);
        return new UploadSource(filename, contentType, size, () -> {
            SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ);
            return channel;
        });
    }

    public static UploadSource ofBytes(byte[] bytes, String filename, String contentType) {
        return new UploadSource(filename, contentType, bytes.length,
                () -> new ByteArrayChannel(ByteBuffer.wrap(bytes)));
    }

    /**
     * An upload read from a stream. The stream is read on the I/O thread, which suits file- and memory-backed streams;
     * a stream that can block for long (a socket) should be spooled to a file first.
     */
    public static UploadSource ofStream(InputStream stream, long length, String filename, String contentType) {
        return new UploadSource(filename, contentType, length, () -> Channels.newChannel(stream));
    }

    private static final class ByteArrayChannel implements ReadableByteChannel {

        private final ByteBuffer source;
        private boolean open = true;

        ByteArrayChannel(ByteBuffer source) {
            this.source = source;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!source.hasRemaining()) {
                return -1;
            }
            int n = Math.min(dst.remaining(), source.remaining());
            ByteBuffer slice = source.slice();
            slice.limit(n);
            dst.put(slice);
            source.position(source.position() + n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
