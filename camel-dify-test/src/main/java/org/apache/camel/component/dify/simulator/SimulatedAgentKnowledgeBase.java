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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An Agent Knowledge Base ("KnowledgeFS", Dify 1.17+) of the simulator: its documents with their revisions and chunks,
 * the answer its queries stream, and its research tasks. Reached under {@code /v1/knowledge-fs/spaces/<id>} with a
 * knowledge key of the simulator.
 * <p>
 * The query stream sends {@code answer.delta} events with {@code {"delta": text}}, then {@code answer.done} with
 * {@code {"answer": full text, "citations": []}}, or {@code answer.error} with {@code {"code", "message"}}: Dify's
 * Service API relays that stream from its KnowledgeFS service unchanged, and its docs name the events but not every
 * field of their data, so these fields are the simulator's; a client should rely on the event names and keep the data
 * as it comes.
 */
public final class SimulatedAgentKnowledgeBase {

    private final String id = UUID.randomUUID().toString();
    private final String name;
    private final List<Document> documents = new CopyOnWriteArrayList<>();
    final Map<String, ResearchTask> researchTasks = new ConcurrentHashMap<>();
    final Map<String, ResearchTask> researchByIdempotencyKey = new ConcurrentHashMap<>();
    final Map<String, String> bulkBatchesByIdempotencyKey = new ConcurrentHashMap<>();
    final Map<String, List<String>> bulkJobs = new ConcurrentHashMap<>();
    private volatile List<String> answerDeltas = List.of("The refund window ", "is 30 days.");
    private volatile String errorCode;
    private volatile String errorMessage;
    private volatile int errorAfterDeltas = -1;

    SimulatedAgentKnowledgeBase(String name) {
        this.name = name;
    }

    /** The id every operation takes as {@code knowledge_base_id}. */
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Queries answer with these pieces, one {@code answer.delta} each, then {@code answer.done} with all of them. */
    public SimulatedAgentKnowledgeBase answerWith(String... deltas) {
        this.answerDeltas = List.of(deltas);
        this.errorAfterDeltas = -1;
        return this;
    }

    /** Queries send {@code deltas} of the answer, then {@code answer.error} (under HTTP 200). */
    public SimulatedAgentKnowledgeBase failAfterDeltas(int deltas, String code, String message) {
        this.errorAfterDeltas = deltas;
        this.errorCode = code;
        this.errorMessage = message;
        return this;
    }

    /** Adds a ready document with one revision whose chunks are {@code chunks}; returns its id. */
    public String addDocument(String title, String... chunks) {
        Document document = new Document(UUID.randomUUID().toString(), title);
        document.revisions.add(List.of(chunks));
        documents.add(document);
        return document.id;
    }

    /** Adds a revision (the next number) with these chunks to a document. */
    public void addRevision(String documentId, String... chunks) {
        document(documentId).revisions.add(List.of(chunks));
    }

    /** Whether the document is still there (not deleted by a bulk deletion). */
    public boolean hasDocument(String documentId) {
        return documents.stream().anyMatch(d -> d.id.equals(documentId));
    }

    /** How many research tasks were created (an Idempotency-Key sent again creates none). */
    public int researchTasksCreated() {
        return researchTasks.size();
    }

    List<Document> documents() {
        return documents;
    }

    Document document(String documentId) {
        return documents.stream().filter(d -> d.id.equals(documentId)).findFirst().orElse(null);
    }

    void remove(Document document) {
        documents.remove(document);
    }

    List<String> answerDeltas() {
        return answerDeltas;
    }

    int errorAfterDeltas() {
        return errorAfterDeltas;
    }

    String errorCode() {
        return errorCode;
    }

    String errorMessage() {
        return errorMessage;
    }

    /** A document: its revisions, each the texts of its chunks (revision n is index n - 1). */
    static final class Document {

        final String id;
        final String title;
        final List<List<String>> revisions = new CopyOnWriteArrayList<>();
        final long createdAt = System.currentTimeMillis();

        Document(String id, String title) {
            this.id = id;
            this.title = title;
        }

        int activeRevision() {
            return revisions.size();
        }
    }

    /** A research task: it moves one stage on each time it is read, to completed. */
    static final class ResearchTask {

        static final List<String> STAGES = List.of("queued", "planning", "retrieving", "analyzing", "generating",
                "completed");
        final String id = UUID.randomUUID().toString();
        final String query;
        final String mode;
        final Map<String, Object> metadata;
        final double createdAt = System.currentTimeMillis() / 1000.0;
        volatile int stage;
        volatile boolean canceled;
        final List<String> partials = new ArrayList<>();

        ResearchTask(String query, String mode, Map<String, Object> metadata) {
            this.query = query;
            this.mode = mode;
            this.metadata = metadata;
        }

        String stage() {
            return canceled ? "canceled" : STAGES.get(stage);
        }

        void advance() {
            if (!canceled && stage < STAGES.size() - 1) {
                stage++;
            }
        }
    }
}
