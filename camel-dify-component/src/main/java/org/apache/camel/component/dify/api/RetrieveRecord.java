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
