package org.apache.camel.component.dify.protocol.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One retrieved chunk, as Dify sends it. The shortcuts {@link #getContent()}, {@link #getDocumentId()},
 * {@link #getDocumentName()}, {@link #getSegmentId()} and {@link #getMetadata()} read into the nested segment, so
 * that a route can write {@code ${body[0].content}}.
 */
public record RetrieveRecord(Segment segment, List<Map<String, Object>> childChunks, Double score,
        Object tsnePosition, List<Map<String, Object>> files, String summary,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public RetrieveRecord {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }

    /** The chunk text. */
    @JsonIgnore
    public String getContent() {
        return segment == null ? null : segment.content();
    }

    @JsonIgnore
    public String getSegmentId() {
        return segment == null ? null : segment.id();
    }

    @JsonIgnore
    public String getDocumentId() {
        return segment == null ? null : segment.documentId();
    }

    @JsonIgnore
    public String getDocumentName() {
        return segment == null || segment.document() == null ? null : segment.document().name();
    }

    /** The document's metadata ({@code doc_metadata}): the knowledge base's metadata fields and their values. */
    @JsonIgnore
    public Object getMetadata() {
        return segment == null || segment.document() == null ? null : segment.document().docMetadata();
    }

    /** A chunk ({@code segment}) of a document. */
    public record Segment(String id, Integer position, String documentId, String content, String answer,
            Integer wordCount, Integer tokens, List<String> keywords, String indexNodeId, String indexNodeHash,
            Integer hitCount, Boolean enabled, String status, Long createdAt, SegmentDocument document,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

        public Segment {
            additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
        }
    }

    /** The document a chunk belongs to. */
    public record SegmentDocument(String id, String dataSourceType, String name, String docType, Object docMetadata,
            @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

        public SegmentDocument {
            additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
        }
    }
}
