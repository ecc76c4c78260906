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

import java.util.concurrent.CompletableFuture;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a Vert.x request stream (platform-http on Vert.x without its body handler) up to a limit: the stream pushes
 * chunks on its event loop, and is paused, not drained, once the limit is passed. Loaded only when Vert.x is there.
 */
final class VertxBodies {

    private VertxBodies() {
    }

    static boolean isReadStream(Object body) {
        return body instanceof ReadStream<?>;
    }

    @SuppressWarnings("unchecked")
    static CompletableFuture<byte[]> read(Object body, int max) {
        ReadStream<Buffer> stream = (ReadStream<Buffer>) body;
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        Buffer collected = Buffer.buffer();
        stream.exceptionHandler(read::completeExceptionally);
        stream.handler(chunk -> {
            if (read.isDone()) {
                return;
            }
            if (collected.length() + chunk.length() > max) {
                // nothing more is read: the answer closes the connection
                stream.pause();
                read.completeExceptionally(new BoundedBody.TooLarge(max));
                return;
            }
            collected.appendBuffer(chunk);
        });
        stream.endHandler(end -> read.complete(collected.getBytes()));
        stream.resume();
        return read;
    }
}
