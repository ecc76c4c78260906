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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A simulated knowledge base: documents cut into chunks (segments) at blank lines. */
public final class SimulatedDataset {

    private final String id = UUID.randomUUID().toString();
    private final List<Document> documents = new CopyOnWriteArrayList<>();
    private final Map<String, String> indexingFailures = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, PagedSource> datasourcePages = new java.util.concurrent.ConcurrentHashMap<>();
    private final long createdAt = System.currentTimeMillis() / 1000;
    private volatile String name;
    private volatile String description = "";
    private volatile String indexingTechnique;

    SimulatedDataset(String name) {
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    String description() {
        return description;
    }

    void describe(String text) {
        this.description = text;
    }

    /** {@code high_quality} or {@code economy}, set by the first document when the dataset has none. */
    String indexingTechnique() {
        return indexingTechnique;
    }

    void indexingTechnique(String technique) {
        this.indexingTechnique = technique;
    }

    private volatile boolean knowledgePipeline;
    private volatile External external;

    /**
     * How an external knowledge base is reached: the External Knowledge API, the id of the knowledge in it, and the
     * retrieval settings sent with each query (Dify's default {@code top_k} 2, threshold 0).
     */
    record External(ExternalKnowledgeApi api, String knowledgeId, int topK, double scoreThreshold,
            boolean scoreThresholdEnabled) {
    }

    /** The external binding, or {@code null} for a knowledge base of Dify's own ({@code provider} vendor). */
    External external() {
        return external;
    }

    void external(External binding) {
        this.external = binding;
    }

    long createdAt() {
        return createdAt;
    }

    /**
     * Scripts an indexing failure: a document named {@code documentName} created through the API from now on goes
     * through waiting, parsing, cleaning and splitting, then ends in status {@code error} with this {@code error}
     * text (as when Dify's embedding model fails) and never becomes searchable.
     */
    /**
     * Gives the dataset's pipeline an online-drive datasource node, {@code nodeId}, whose run sends one
     * {@code datasource_completed} per page, as Dify does for online-document and online-drive sources; with
     * {@code errorAfterPages} at 0 or more, a {@code datasource_error} follows that many pages.
     */
    public SimulatedDataset datasourcePages(String nodeId, List<Object> pages, int errorAfterPages) {
        datasourcePages.put(nodeId, new PagedSource(List.copyOf(pages), errorAfterPages));
        return this;
    }

    record PagedSource(List<Object> pages, int errorAfterPages) {
    }

    PagedSource pagedSource(String nodeId) {
        return datasourcePages.get(nodeId);
    }

    public SimulatedDataset failIndexingOf(String documentName, String error) {
        indexingFailures.put(documentName, error);
        return this;
    }

    /** Adds a document whose paragraphs (separated by blank lines) become its chunks. */
    public Document addDocument(String documentName, String text) {
        return addDocument(documentName, text, Map.of());
    }

    /** Adds a document with metadata values ({@code doc_metadata}). */
    public Document addDocument(String documentName, String text, Map<String, Object> metadata) {
        return add(documentName, text, metadata, null, 0);
    }

    /** A document created through the API: indexed from {@code indexedFrom} on (epoch millis), in batch {@code batch}. */
    Document add(String documentName, String text, Map<String, Object> metadata, String batch, long indexedFrom) {
        Document document = new Document(id(), UUID.randomUUID().toString(), documentName,
                new LinkedHashMap<>(metadata),
                new CopyOnWriteArrayList<>(), batch, indexedFrom, documents.size() + 1, text.length());
        document.replaceText(text);
        document.indexingError = indexedFrom == 0 ? null : indexingFailures.get(documentName);
        // a knowledge base that runs a knowledge pipeline takes the document, and never processes it
        document.ignoredByPipeline = indexedFrom != 0 && knowledgePipeline;
        documents.add(document);
        return document;
    }

    /** An update through the API: the document is indexed again, in a new batch. */
    String reindex(Document document) {
        String batch = String.valueOf(System.nanoTime());
        document.batch = batch;
        document.indexedFrom = System.currentTimeMillis();
        document.indexingError = indexingFailures.get(document.name);
        document.ignoredByPipeline = knowledgePipeline;
        return batch;
    }

    /**
     * Makes this a knowledge base that runs a knowledge pipeline ({@code runtime_mode} {@code rag_pipeline}): documents
     * created with the document API are accepted and never indexed, the silent behaviour Dify users report.
     */
    public SimulatedDataset usesKnowledgePipeline() {
        this.knowledgePipeline = true;
        return this;
    }

    boolean runsKnowledgePipeline() {
        return knowledgePipeline;
    }

    public List<Document> documents() {
        return documents;
    }

    /** A document of the knowledge base; its name, text, chunks and status change through the Knowledge API. */
    public static final class Document {

        private final String id;
        private final Map<String, Object> metadata;
        private final List<Segment> segments;
        private final String datasetId;
        private volatile String batch;
        private volatile long indexedFrom;
        volatile boolean ignoredByPipeline;
        private final int position;
        volatile String name;
        volatile int wordCount;
        volatile boolean enabled = true;
        volatile boolean archived;
        volatile String indexingError;

        Document(String datasetId, String id, String name, Map<String, Object> metadata, List<Segment> segments,
                String batch, long indexedFrom, int position, int wordCount) {
            this.datasetId = datasetId;
            this.id = id;
            this.name = name;
            this.metadata = metadata;
            this.segments = segments;
            this.batch = batch;
            this.indexedFrom = indexedFrom;
            this.position = position;
            this.wordCount = wordCount;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public Map<String, Object> metadata() {
            return metadata;
        }

        /** The chunks, in order. */
        public List<Segment> segments() {
            return segments;
        }

        /** The knowledge base it belongs to. */
        public String datasetId() {
            return datasetId;
        }

        /** The batch id of the request that created it ({@code null} for documents added by a test). */
        public String batch() {
            return batch;
        }

        /** When its indexing started (epoch millis); 0 for documents that are indexed already. */
        public long indexedFrom() {
            return indexedFrom;
        }

        /** The scripted indexing error, or {@code null} when its indexing succeeds. */
        public String indexingError() {
            return indexingError;
        }

        public int position() {
            return position;
        }

        public int wordCount() {
            return wordCount;
        }

        /** Replaces the text: the chunks are cut again at blank lines. */
        void replaceText(String text) {
            segments.clear();
            int at = 1;
            for (String paragraph : text.split("\\R\\s*\\R")) {
                String content = paragraph.strip();
                if (!content.isEmpty()) {
                    segments.add(new Segment(UUID.randomUUID().toString(), at++, content));
                }
            }
            wordCount = text.length();
        }
    }

    /** A chunk of a document, with its answer (Q&A mode), keywords and child chunks. */
    public static final class Segment {

        private final String id;
        private final int position;
        final long createdAt = System.currentTimeMillis() / 1000;
        final List<Map<String, Object>> childChunks = new CopyOnWriteArrayList<>();
        volatile String content;
        volatile String answer = "";
        volatile List<String> keywords = List.of();
        volatile boolean enabled = true;
        volatile long updatedAt = createdAt;

        Segment(String id, int position, String content) {
            this.id = id;
            this.position = position;
            this.content = content;
        }

        public String id() {
            return id;
        }

        public int position() {
            return position;
        }

        public String content() {
            return content;
        }
    }
}
