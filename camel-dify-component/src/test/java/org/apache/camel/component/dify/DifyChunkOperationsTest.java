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
package org.apache.camel.component.dify;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A document and its chunks: read, edit, add and remove chunks and child chunks, change documents' status. */
class DifyChunkOperationsTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedDataset DATASET = simulator().createDataset("Chunks");
    private static final SimulatedDataset.Document DOC = DATASET.addDocument("faq.md",
            "First answer.\n\nSecond answer.");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String doc = "apiKey=" + KEY + "&datasetId=" + DATASET.id() + "&documentId=" + DOC.id();
                directRoutes(this, doc, "getDocument", "updateDocumentByText", "updateDocumentStatus",
                        "createSegments", "listSegments", "getSegment", "updateSegment", "deleteSegment",
                        "createChildChunk", "listChildChunks", "updateChildChunk", "deleteChildChunk",
                        "deleteDocument");
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void chunksAndChildChunksAreManaged() {
        Map<String, Object> document = send("direct:getDocument", null).getMessage().getBody(Map.class);
        assertThat(document).containsEntry("name", "faq.md").containsEntry("indexing_status", "completed");

        Map<String, Object> created = send("direct:createSegments", Map.of("segments", List.of(
                Map.of("content", "Third answer.", "answer", "yes", "keywords", List.of("third")))))
                .getMessage()
                .getBody(Map.class);
        Map<String, Object> segment = ((List<Map<String, Object>>) created.get("data")).get(0);
        Object segmentId = segment.get("id");
        assertThat(segment).containsEntry("content", "Third answer.").containsEntry("answer", "yes");

        Exchange page = send("direct:listSegments", null, DifyConstants.PARAMETERS, Map.of("limit", 2));
        assertThat((List<?>) page.getMessage().getBody(Map.class).get("data")).hasSize(2);
        assertThat(page.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(true);

        Map<String, Object> ids = Map.of("segment_id", segmentId);
        Map<String, Object> updated = (Map<String, Object>) send("direct:updateSegment",
                Map.of("segment", Map.of("content", "Third answer, revised.")), DifyConstants.PARAMETERS, ids)
                .getMessage()
                .getBody(Map.class)
                .get("data");
        assertThat(updated).containsEntry("content", "Third answer, revised.");

        Map<String, Object> child = (Map<String, Object>) send("direct:createChildChunk",
                Map.of("content", "a child"), DifyConstants.PARAMETERS, ids).getMessage()
                .getBody(Map.class)
                .get("data");
        Map<String, Object> childIds = Map.of("segment_id", segmentId, "child_chunk_id", child.get("id"));
        assertThat((Map<String, Object>) send("direct:updateChildChunk", Map.of("content", "a revised child"),
                DifyConstants.PARAMETERS, childIds).getMessage().getBody(Map.class).get("data"))
                .containsEntry("content", "a revised child");
        assertThat((List<?>) send("direct:listChildChunks", null, DifyConstants.PARAMETERS, ids).getMessage()
                .getBody(Map.class)
                .get("data")).hasSize(1);
        assertThat(send("direct:deleteChildChunk", null, DifyConstants.PARAMETERS, childIds).getException()).isNull();
        Map<String, Object> detail = (Map<String, Object>) send("direct:getSegment", null, DifyConstants.PARAMETERS,
                ids).getMessage().getBody(Map.class).get("data");
        assertThat((List<?>) detail.get("child_chunks")).isEmpty();

        assertThat(send("direct:deleteSegment", null, DifyConstants.PARAMETERS, ids).getException()).isNull();
        DifyException gone = send("direct:getSegment", null, DifyConstants.PARAMETERS, ids)
                .getException(DifyException.class);
        assertThat(gone.getHttpStatus()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentIsRewrittenDisabledAndDeleted() {
        SimulatedDataset.Document other = DATASET.addDocument("old.md", "Old text.");

        Map<String, Object> rewritten = send("direct:updateDocumentByText", Map.of("name", "new.md", "text",
                "New text.\n\nMore new text."), DifyConstants.DOCUMENT_ID, other.id()).getMessage().getBody(Map.class);
        assertThat((Map<String, Object>) rewritten.get("document")).containsEntry("name", "new.md");
        assertThat(other.segments()).extracting(SimulatedDataset.Segment::content)
                .containsExactly("New text.", "More new text.");

        Exchange disabled = send("direct:updateDocumentStatus", Map.of("document_ids", List.of(other.id())),
                DifyConstants.PARAMETERS, Map.of("action", "disable"));
        assertThat(disabled.getMessage().getBody(Map.class)).containsEntry("result", "success");
        assertThat(send("direct:getDocument", null, DifyConstants.DOCUMENT_ID, other.id()).getMessage()
                .getBody(Map.class)).containsEntry("enabled", false);

        assertThat(send("direct:deleteDocument", null, DifyConstants.DOCUMENT_ID, other.id()).getException())
                .isNull();
        DifyException gone = send("direct:getDocument", null, DifyConstants.DOCUMENT_ID, other.id())
                .getException(DifyException.class);
        assertThat(gone.getDifyMessage()).isEqualTo("Document Not Exists.");
    }
}
