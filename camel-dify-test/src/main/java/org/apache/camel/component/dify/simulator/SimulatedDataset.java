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
    private final String name;
    private final List<Document> documents = new CopyOnWriteArrayList<>();

    SimulatedDataset(String name) {
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Adds a document whose paragraphs (separated by blank lines) become its chunks. */
    public Document addDocument(String documentName, String text) {
        return addDocument(documentName, text, Map.of());
    }

    /** Adds a document with metadata values ({@code doc_metadata}). */
    public Document addDocument(String documentName, String text, Map<String, Object> metadata) {
        Document document = new Document(UUID.randomUUID().toString(), documentName, new LinkedHashMap<>(metadata),
                new ArrayList<>());
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

    /** A document of the knowledge base. */
    public record Document(String id, String name, Map<String, Object> metadata, List<Segment> segments) {
    }

    /** A chunk of a document. */
    public record Segment(String id, int position, String content) {
    }
}
