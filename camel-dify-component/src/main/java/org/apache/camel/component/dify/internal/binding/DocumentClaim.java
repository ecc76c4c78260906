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

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.component.dify.internal.protocol.knowledge.DocumentContent;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * upsertDocument's claim on a document across instances: its key in the shared idempotent repository while one
 * instance writes the document. An instance that finds the key taken waits on the timer (no thread held) and tries
 * again, so writers of the same document take turns and the second finds what the first created. The claim is
 * released when the write ends, failed or not; an upsert that waited upsertClaimTimeout takes it over (its instance
 * stopped while writing).
 */
final class DocumentClaim {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentClaim.class);
    private static final long FIRST_PAUSE_MILLIS = 20;
    private static final long LONGEST_PAUSE_MILLIS = 1000;

    private final IdempotentRepository repository;
    private final DifyClient client;
    private final String document;
    private final String key;
    private final long timeoutMillis;

    /**
     * @param document what identifies the document, for log lines: its knowledge base and name or match value
     */
    DocumentClaim(IdempotentRepository repository, DifyClient client, String document, long timeoutMillis) {
        this.repository = repository;
        this.client = client;
        this.document = document;
        // fixed length, within the 100 characters of Camel's JDBC repository column
        this.key = "dify-upsert:" + new DocumentContent.Text(document).digest();
        this.timeoutMillis = timeoutMillis;
    }

    /** Runs {@code write} once the claim is held, and releases it when the write has ended, failed or not. */
    <T> CompletableFuture<T> around(Supplier<CompletableFuture<T>> write) {
        return take().thenCompose(held -> {
            CompletableFuture<T> written = started(write);
            return written.handle((result, failure) -> null)
                    .thenCompose(ended -> release())
                    .thenCompose(released -> written);
        });
    }

    private static <T> CompletableFuture<T> started(Supplier<CompletableFuture<T>> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // the repository may block (JDBC): its calls run on the completion executor, the pauses on the timer
    private CompletableFuture<Boolean> take() {
        return client.<Boolean, Boolean>pollUntil(() -> CompletableFuture.supplyAsync(this::add, client.completions()),
                taken -> taken ? Boolean.TRUE : null, timeoutMillis, FIRST_PAUSE_MILLIS, LONGEST_PAUSE_MILLIS,
                taken -> new ClaimTimedOut())
                .exceptionallyCompose(failure -> {
                    if (!(DifyErrors.causeOf(failure) instanceof ClaimTimedOut)) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    LOG.warn("upsertDocument: waited upsertClaimTimeout ({} ms) for the claim on {}, as if its"
                            + " instance stopped while writing it: taking it over",
                            timeoutMillis, document);
                    // another waiter may take it over first: then this one waits for that one
                    return CompletableFuture.runAsync(() -> repository.remove(key), client.completions())
                            .thenCompose(removed -> take());
                });
    }

    /** The claim was not free within upsertClaimTimeout. */
    private static final class ClaimTimedOut extends RuntimeException {

        ClaimTimedOut() {
            super("the document's claim was not free within upsertClaimTimeout", null, false, false);
        }
    }

    // a JDBC repository's add checks, then inserts: an instance that inserts second fails on the primary key
    private boolean add() {
        try {
            return repository.add(key);
        } catch (RuntimeException e) {
            if (repository.contains(key)) {
                return false;
            }
            throw e;
        }
    }

    // a claim that cannot be removed does not fail a write that happened: the next writer takes it over in time
    private CompletableFuture<Void> release() {
        return CompletableFuture.runAsync(() -> repository.remove(key), client.completions()).exceptionally(e -> {
            LOG.warn("upsertDocument: cannot release the claim on {} ({}); a later upsert of it takes it over after"
                    + " upsertClaimTimeout",
                    document, e.getMessage());
            return null;
        });
    }
}
