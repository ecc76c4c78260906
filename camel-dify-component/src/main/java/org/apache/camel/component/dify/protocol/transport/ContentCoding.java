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
package org.apache.camel.component.dify.protocol.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a {@code Content-Encoding} of a complete body. The client does not ask for compression, but gateways in front
 * of Dify sometimes compress anyway; a body they gzip or deflate is read as if it came plain.
 */
final class ContentCoding {

    private ContentCoding() {
    }

    /** The body without its coding; {@code identity}, none or an unknown coding leave it as it is. */
    static byte[] decode(String contentEncoding, byte[] body) {
        String coding = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (body.length == 0 || !(coding.equals("gzip") || coding.equals("x-gzip") || coding.equals("deflate"))) {
            return body;
        }
        try (InputStream in = coding.equals("deflate")
                ? new InflaterInputStream(new ByteArrayInputStream(body))
                : new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode a " + coding + " body from Dify: " + e.getMessage(), e);
        }
    }
}
