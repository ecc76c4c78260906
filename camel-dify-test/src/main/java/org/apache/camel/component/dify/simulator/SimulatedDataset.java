package org.apache.camel.component.dify.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A simulated knowledge base: documents cut into chunks (segments) at blank lines. */
public final class SimulatedDataset {

    private final String id = UUID.randomUUID().toString();
    private final List<Document> documents = new CopyOnWriteArrayList<>();
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

    long createdAt() {
        return createdAt;
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
        Document document = new Document(UUID.randomUUID().toString(), documentName, new LinkedHashMap<>(metadata),
                new ArrayList<>(), batch, indexedFrom, documents.size() + 1, text.length());
        int position = 1;
        for (String paragraph : text.split("\\R\\s*\\R")) {
            String content = paragraph.strip();
            if (!content.isEmpty()) {
                document.segments().add(new Segment(UUID.randomUUID().toString(), position++, content));
            }
        }
        documents.add(document);
        return document;
    }

    public List<Document> documents() {
        return documents;
    }

    /**
     * A document of the knowledge base.
     *
     * @param batch       the batch id of the request that created it ({@code null} for documents added by a test)
     * @param indexedFrom when its indexing started (epoch millis); 0 for documents that are indexed already
     */
    public record Document(String id, String name, Map<String, Object> metadata, List<Segment> segments, String batch,
            long indexedFrom, int position, int wordCount) {
    }

    /** A chunk of a document. */
    public record Segment(String id, int position, String content) {
    }
}
