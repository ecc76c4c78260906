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
package org.apache.camel.component.dify.internal.protocol.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.camel.component.dify.internal.protocol.transport.UploadSource;

/** What a document holds: text (create-by-text) or a file (create-by-file), and the digest that tells it apart. */
public sealed interface DocumentContent {

    /** The SHA-256 of the content, in hex: equal digests, unchanged content. */
    String digest();

    /** A document made from text. */
    record Text(String text) implements DocumentContent {

        @Override
        public String digest() {
            MessageDigest sha = sha256();
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** A document made from a file; the file is read once for its digest and once to send it. */
    record File(UploadSource file) implements DocumentContent {

        @Override
        public String digest() {
            MessageDigest sha = sha256();
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            try (ReadableByteChannel channel = file.opener().open()) {
                while (channel.read(buffer) >= 0) {
                    buffer.flip();
                    sha.update(buffer);
                    buffer.clear();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.filename() + " for its digest", e);
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
