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
package org.apache.camel.component.dify.api;

/**
 * A document written to a knowledge base by an upsert (or a create that waited for its indexing).
 *
 * @param datasetId      the knowledge base
 * @param documentId     the document
 * @param name           the document's name
 * @param batch          the indexing batch of the write, or {@code null} when nothing was written
 * @param action         what the upsert did
 * @param indexingStatus the document's indexing status when the call ended: {@code completed} after a wait, else as
 *                       Dify last reported it
 * @param digest         the SHA-256 of the content, kept in the document's metadata
 */
public record IngestedDocument(String datasetId, String documentId, String name, String batch, Action action,
        String indexingStatus, String digest) {

    /** What an upsert did. */
    public enum Action {

        /** No document matched: one was created. */
        CREATED,
        /** A document matched with other content: it was updated and indexed again. */
        UPDATED,
        /** A document matched with the same content: nothing was written. */
        UNCHANGED;

        /** The lower-case name, as the header CamelDifyUpsertAction carries it. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public IngestedDocument withStatus(String status) {
        return new IngestedDocument(datasetId, documentId, name, batch, action, status, digest);
    }
}
