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
package org.apache.camel.component.dify.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The body of a request Dify sent to a consumer, read up to a limit: a larger one is refused with {@link TooLarge}
 * without reading more than one byte past the limit. Whatever form the HTTP server hands the body over in: bytes, text,
 * an InputStream, or platform-http's paused Vert.x request, which is read with back-pressure and never waited on.
 */
public final class BoundedBody {

    private static final boolean VERTX = present("io.vertx.core.streams.ReadStream");

    private BoundedBody() {
    }

    /** A request body larger than the limit. */
    public static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(long max) {
            super("the request body is larger than maxRequestSize (" + max + " bytes)");
        }
    }

    /** Whether the body is a stream the Vert.x server has paused, to be read with {@link #read}. */
    public static boolean isVertxStream(Object body) {
        return VERTX && VertxBodies.isReadStream(body);
    }

    /**
     * Reads {@code body}, failing with {@link TooLarge} past {@code max} bytes.
     *
     * @param body          what the HTTP server handed over
     * @param contentLength the request's Content-Length, or -1 when it has none
     * @param max           the largest body accepted
     */
    public static CompletableFuture<byte[]> read(Object body, long contentLength, int max) {
        if (contentLength > max) {
            return CompletableFuture.failedFuture(new TooLarge(max));
        }
        if (isVertxStream(body)) {
            return VertxBodies.read(body, max);
        }
        try {
            byte[] bytes;
            if (body == null) {
                bytes = new byte[0];
            } else if (body instanceof byte[] array) {
                bytes = array;
            } else if (body instanceof InputStream stream) {
                try (InputStream in = stream) {
                    bytes = in.readNBytes(max + 1);
                }
            } else {
                bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            }
            return bytes.length > max
                    ? CompletableFuture.failedFuture(new TooLarge(max))
                    : CompletableFuture.completedFuture(bytes);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, BoundedBody.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
