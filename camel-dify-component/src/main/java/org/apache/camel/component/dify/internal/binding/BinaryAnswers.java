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
package org.apache.camel.component.dify.internal.binding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.camel.StreamCache;
import org.apache.camel.component.dify.internal.protocol.transport.StreamedBody;
import org.apache.camel.converter.stream.CachedOutputStream;

/**
 * Binary answers (filePreview, textToAudio, downloadDocumentsZip) per Camel's stream caching convention, as camel-http
 * does: the body is a {@link StreamCache}, readable after the exchange and more than once, held in memory up to the
 * stream caching spool threshold and spooled to a temporary file past it (when spooling is enabled); with
 * {@code disableStreamCache=true} it is the raw stream while it arrives, closed with the exchange.
 * <p>
 * The bytes are written to the cache on the I/O thread as they arrive, so no thread waits for the download, and the
 * exchange goes on once the body has ended.
 */
final class BinaryAnswers {

    private BinaryAnswers() {
    }

    /** A binary answer kept in a stream cache, with the Content-Type Dify sent. */
    record Cached(StreamCache body, String contentType) {
    }

    static CompletableFuture<Object> keep(ExchangeInputs in, StreamedBody body) {
        // not closed with the exchange: a caller reads the answer after it (ProducerTemplate.requestBody); a spooled
        // file is deleted when the body is closed
        CachedOutputStream cache = new CachedOutputStream(in.exchange(), false);
        return body.copyTo(cache).handleAsync((ended, failure) -> {
            try {
                if (failure != null) {
                    cache.close();
                    throw failure instanceof CompletionException completion ? completion
                            : new CompletionException(failure);
                }
                return new Cached(cache.newStreamCache(), body.getContentType());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, in.client().completions());
    }
}
