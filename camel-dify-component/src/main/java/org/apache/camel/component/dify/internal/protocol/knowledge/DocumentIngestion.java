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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.IngestedDocument;
import org.apache.camel.component.dify.api.IngestedDocument.Action;
import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;

/**
 * Knowledge ingestion that finishes the job, built from the Knowledge API's own calls: wait until a batch is indexed
 * (polling {@code indexing-status} with backoff on the client's timer, up to a deadline; no thread waits), write a
 * document once however often the same content arrives (upsert by name or by a metadata value, unchanged content
 * detected by a SHA-256 kept in the document's metadata), and refuse a knowledge base that runs a knowledge pipeline,
 * where the document API's documents are not processed by the pipeline.
 * <p>
 * Document creation is asynchronous in Dify: create-by-text / create-by-file answer {@code {document, batch}} at once and
 * index in the background through waiting, parsing, cleaning, splitting and indexing to {@code completed} or
 * {@code error} (langgenius/dify api/controllers/service_api/dataset/document.py, DocumentIndexingStatusApi).
 */
public final class DocumentIngestion {

    /** The metadata field (type string) that holds the SHA-256 of a document's content. */
    public static final String DIGEST_FIELD = "content_sha256";

    private static final String RAG_PIPELINE = "rag_pipeline";
    // an update keeps the knowledge base's indexing technique and embedding model: it takes only these settings
    // (langgenius/dify api/controllers/service_api/dataset/document.py, DocumentUpdateByTextApi)
    private static final java.util.Set<String> UPDATE_SETTINGS = java.util.Set.of("process_rule", "doc_form",
            "doc_language", "retrieval_model");

    private final DifyClient client;
    private final String operation;
    private final ConcurrentMap<String, String> runtimeModes;
    private final ConcurrentMap<String, String> fieldIds;

    /**
     * @param operation the component operation the calls are made for, named in errors
     * @param facts     what earlier calls learned about the knowledge bases, shared by the calls of one endpoint
     */
    public DocumentIngestion(DifyClient client, String operation, KnowledgeBaseFacts facts) {
        this.client = client;
        this.operation = operation;
        this.runtimeModes = facts.runtimeModes;
        this.fieldIds = facts.fieldIds;
    }

    /** A request to write a document once. */
    public record Upsert(String apiKey, String datasetId, String name, DocumentContent content, String matchField,
            String matchValue, Map<String, Object> settings, IndexingWait indexingWait) {

        public Upsert {
            Objects.requireNonNull(datasetId, "datasetId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            if (matchField != null && matchValue == null) {
                throw new IllegalArgumentException("a match field needs a value");
            }
            settings = settings == null ? Map.of() : settings;
        }
    }

    // ------------------------------------------------------------------------------------------------ upsert

    /**
     * Creates the document, updates it when its content changed, or leaves it alone when it did not. The match is the
     * document of the same name, or, with a match field, the document whose metadata field has the match value. Two
     * upserts of the same new document at the same moment can both create it: the Camel layer serializes them per
     * document with a claim in a shared idempotent repository when one is configured.
     */
    public CompletableFuture<IngestedDocument> upsert(Upsert request) {
        String digest = request.content().digest();
        return requireDocumentApi(request.apiKey(), request.datasetId())
                .thenCompose(ok -> fieldId(request, DIGEST_FIELD))
                .thenCompose(digestField -> (request.matchField() == null
                        ? CompletableFuture.completedFuture((String) null)
                        : fieldId(request, request.matchField()))
                        .thenCompose(matchField -> findMatch(request)
                                .thenCompose(match -> write(request, match, digest, digestField, matchField))))
                .thenCompose(written -> request.indexingWait() == null || "completed".equals(written.indexingStatus())
                        ? CompletableFuture.completedFuture(written)
                        : awaitWritten(request, written));
    }

    private CompletableFuture<IngestedDocument> write(Upsert request, Map<String, Object> match, String digest,
            String digestField, String matchField) {
        if (match != null && digest.equals(metadataValue(match, DIGEST_FIELD))
                && !"error".equals(match.get("indexing_status"))) {
            return CompletableFuture.completedFuture(new IngestedDocument(request.datasetId(), text(match, "id"),
                    text(match, "name"), null, Action.UNCHANGED, text(match, "indexing_status"), digest));
        }
        Action action = match == null ? Action.CREATED : Action.UPDATED;
        DifyCall call = documentWrite(request, match == null ? null : text(match, "id"));
        return client.send(call).thenCompose(answer -> {
            Map<String, Object> written = map(answer);
            Map<String, Object> document = map(written.get("document"));
            String documentId = text(document, "id");
            Map<String, Object> values = new LinkedHashMap<>();
            if (match != null) {
                values.putAll(metadataValues(match)); // Dify replaces a document's metadata as a whole
            }
            values.put(DIGEST_FIELD, digest);
            if (matchField != null) {
                values.put(request.matchField(), request.matchValue());
            }
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put(DIGEST_FIELD, digestField);
            if (matchField != null) {
                ids.put(request.matchField(), matchField);
            }
            return setMetadata(request, documentId, values, ids).thenApply(ignored -> new IngestedDocument(
                    request.datasetId(), documentId, text(document, "name"), text(written, "batch"), action,
                    text(document, "indexing_status"), digest));
        });
    }

    private DifyCall documentWrite(Upsert request, String documentId) {
        boolean file = request.content() instanceof DocumentContent.File;
        DifyApi api = documentId == null
                ? file ? DifyApi.createDocumentByFile : DifyApi.createDocumentByText
                : file ? DifyApi.updateDocumentByFile : DifyApi.updateDocumentByText;
        DifyCall call = call(request.apiKey(), api).path("dataset_id", request.datasetId());
        if (documentId != null) {
            call = call.path("document_id", documentId);
        }
        Map<String, Object> settings = new LinkedHashMap<>(request.settings());
        if (documentId != null) {
            settings.keySet().retainAll(UPDATE_SETTINGS);
        }
        if (request.content() instanceof DocumentContent.File upload) {
            return call.formField("data", client.toJson(settings)).file(upload.file());
        }
        Map<String, Object> body = settings;
        body.put("name", request.name());
        body.put("text", ((DocumentContent.Text) request.content()).text());
        return call.json(body);
    }

    // the match: the newest document of that name, or whose match field has the match value; pages are read one
    // after the other without waiting for any (a Knowledge API list is numbered pages with has_more)
    private CompletableFuture<Map<String, Object>> findMatch(Upsert request) {
        DifyCall list = call(request.apiKey(), DifyApi.listDocuments).path("dataset_id", request.datasetId())
                .query("limit", "100");
        if (request.matchField() == null) {
            list = list.query("keyword", request.name()); // Dify matches names with LIKE: a narrowing, not the match
        }
        return findMatch(request, list, 1, null);
    }

    private CompletableFuture<Map<String, Object>> findMatch(Upsert request, DifyCall list, int page,
            Map<String, Object> best) {
        return client.send(list.query("page", String.valueOf(page))).thenCompose(answer -> {
            Map<String, Object> found = best;
            for (Object item : list(map(answer).get("data"))) {
                Map<String, Object> document = map(item);
                boolean matches = request.matchField() == null
                        ? request.name().equals(document.get("name"))
                        : request.matchValue().equals(metadataValue(document, request.matchField()));
                if (matches && (found == null || createdAt(document) > createdAt(found))) {
                    found = document;
                }
            }
            return Boolean.TRUE.equals(map(answer).get("has_more"))
                    ? findMatch(request, list, page + 1, found)
                    : CompletableFuture.completedFuture(found);
        });
    }

    // the id of a metadata field of the knowledge base, created (type string) when it does not exist yet
    private CompletableFuture<String> fieldId(Upsert request, String field) {
        String key = request.datasetId() + '/' + field;
        String known = fieldIds.get(key);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return client.send(call(request.apiKey(), DifyApi.listMetadata).path("dataset_id", request.datasetId()))
                .thenCompose(answer -> {
                    for (Object item : list(map(answer).get("doc_metadata"))) {
                        Map<String, Object> existing = map(item);
                        if (field.equals(existing.get("name"))) {
                            return CompletableFuture.completedFuture(text(existing, "id"));
                        }
                    }
                    return client.send(call(request.apiKey(), DifyApi.createMetadata)
                            .path("dataset_id", request.datasetId())
                            .json(Map.of("type", "string", "name", field)))
                            .thenApply(created -> text(map(created), "id"));
                })
                .thenApply(id -> {
                    fieldIds.put(key, id);
                    return id;
                });
    }

    private CompletableFuture<Object> setMetadata(Upsert request, String documentId, Map<String, Object> values,
            Map<String, String> knownIds) {
        List<Map<String, Object>> list = new ArrayList<>();
        values.forEach((name, value) -> {
            String id = knownIds.getOrDefault(name, fieldIds.get(request.datasetId() + '/' + name));
            if (id != null) {
                list.add(Map.of("id", id, "name", name, "value", value));
            }
        });
        return client.send(call(request.apiKey(), DifyApi.updateDocumentMetadata)
                .path("dataset_id", request.datasetId())
                .json(Map.of("operation_data", List.of(Map.of("document_id", documentId, "metadata_list", list)))));
    }

    private CompletableFuture<IngestedDocument> awaitWritten(Upsert request, IngestedDocument written) {
        Supplier<CompletableFuture<Map<String, Object>>> check = written.batch() != null
                ? () -> batchStatus(request.apiKey(), request.datasetId(), written.batch())
                : () -> client.send(call(request.apiKey(), DifyApi.getDocument)
                        .path("dataset_id", request.datasetId())
                        .path("document_id", written.documentId())
                        .query("metadata", "without")).thenApply(DocumentIngestion::map);
        return poll(check, request.indexingWait(), written.name()).thenApply(written::withStatus);
    }

    // ------------------------------------------------------------------------------------------------ waiting

    /**
     * Waits until every document of {@code batch} is indexed: completes with {@code completed}, or fails with
     * {@link DifyException#INDEXING_FAILED} (Dify's error text) or {@link DifyException#INDEXING_TIMEOUT}.
     */
    public CompletableFuture<String> awaitIndexing(String apiKey, String datasetId, String batch, IndexingWait wait) {
        return poll(() -> batchStatus(apiKey, datasetId, batch), wait, "batch " + batch);
    }

    // the batch's status as one document's: error if one failed, completed once all are, else the least advanced
    private CompletableFuture<Map<String, Object>> batchStatus(String apiKey, String datasetId, String batch) {
        return client.send(call(apiKey, DifyApi.indexingStatus).path("dataset_id", datasetId).path("batch", batch))
                .thenApply(answer -> {
                    Map<String, Object> summary = null;
                    for (Object item : list(map(answer).get("data"))) {
                        Map<String, Object> document = map(item);
                        if ("error".equals(document.get("indexing_status"))) {
                            return document;
                        }
                        if (summary == null || !"completed".equals(document.get("indexing_status"))) {
                            summary = document;
                        }
                    }
                    return summary == null ? Map.of("indexing_status", "waiting") : summary;
                });
    }

    private CompletableFuture<String> poll(Supplier<CompletableFuture<Map<String, Object>>> check, IndexingWait wait,
            String what) {
        long deadline = System.nanoTime() + wait.timeoutMillis() * 1_000_000;
        return poll(check, wait, what, deadline, wait.pollMillis());
    }

    private CompletableFuture<String> poll(Supplier<CompletableFuture<Map<String, Object>>> check, IndexingWait wait,
            String what, long deadline, long pause) {
        return check.get().thenCompose(status -> {
            String state = text(status, "indexing_status");
            if ("completed".equals(state)) {
                return CompletableFuture.completedFuture(state);
            }
            if ("error".equals(state)) {
                String error = text(status, "error");
                return CompletableFuture.failedFuture(new DifyException(operation, 0, DifyException.INDEXING_FAILED,
                        "indexing " + what + " failed: " + (error == null ? "Dify gave no reason" : error)));
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return CompletableFuture.failedFuture(new DifyException(operation, 0, DifyException.INDEXING_TIMEOUT,
                        what + " was still " + state + " after " + wait.timeoutMillis() + " ms (Dify may still"
                                + " finish it; raise indexingTimeout, or check it later with indexingStatus)"));
            }
            return client.after(Math.min(pause, left))
                    .thenCompose(ignored -> poll(check, wait, what, deadline,
                            Math.min(pause * 2, wait.maxPollMillis())));
        });
    }

    // ------------------------------------------------------------------------------------------------ pipelines

    /**
     * Completes when the knowledge base takes documents through the document API; fails with
     * {@link DifyException#KNOWLEDGE_PIPELINE} when it runs a knowledge pipeline ({@code runtime_mode}
     * {@code rag_pipeline}), whose documents come from the pipeline's datasources.
     */
    public CompletableFuture<Void> requireDocumentApi(String apiKey, String datasetId) {
        String known = runtimeModes.get(datasetId);
        CompletableFuture<String> mode = known != null
                ? CompletableFuture.completedFuture(known)
                : client.send(call(apiKey, DifyApi.getDataset).path("dataset_id", datasetId)).thenApply(answer -> {
                    Object value = map(answer).get("runtime_mode");
                    String runtimeMode = value == null ? "general" : value.toString();
                    runtimeModes.put(datasetId, runtimeMode);
                    return runtimeMode;
                });
        return mode.thenCompose(runtimeMode -> RAG_PIPELINE.equals(runtimeMode)
                ? CompletableFuture.failedFuture(new DifyException(operation, 0, DifyException.KNOWLEDGE_PIPELINE,
                        "the knowledge base " + datasetId + " runs a knowledge pipeline (runtime_mode rag_pipeline),"
                                + " which does not process documents of the document API; send the file with"
                                + " operation=uploadPipelineFile, then operation=runPipeline (or set"
                                + " pipelineIngestion=true)"))
                : CompletableFuture.completedFuture(null));
    }

    // ------------------------------------------------------------------------------------------------ JSON

    private DifyCall call(String apiKey, DifyApi api) {
        return DifyCall.to(api, operation).apiKey(apiKey);
    }

    private static String metadataValue(Map<String, Object> document, String field) {
        Object value = metadataValues(document).get(field);
        return value == null ? null : value.toString();
    }

    // doc_metadata: [{id, name, type, value}] (langgenius/dify api/fields/document_fields.py)
    private static Map<String, Object> metadataValues(Map<String, Object> document) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Object item : list(document.get("doc_metadata"))) {
            Map<String, Object> field = map(item);
            if (field.get("name") != null && field.get("value") != null) {
                values.put(field.get("name").toString(), field.get("value"));
            }
        }
        return values;
    }

    private static long createdAt(Map<String, Object> document) {
        return document.get("created_at") instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object json) {
        return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object json) {
        return json instanceof List<?> l ? l : List.of();
    }

    private static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value == null ? null : value.toString();
    }
}
