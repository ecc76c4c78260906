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

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.RetrieveRecord;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Knowledge tags and their bindings, metadata fields and document metadata, and the workspace's models. */
class DifyTagAndMetadataOperationsTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedDataset DATASET = simulator().createDataset("Policies");
    private static final SimulatedDataset.Document DOC = DATASET.addDocument("travel.md",
            "Travel must be booked through the portal.");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String options = "apiKey=" + KEY + "&datasetId=" + DATASET.id();
                directRoutes(this, options, "createTag", "listTags", "updateTag", "deleteTag", "bindTags", "unbindTags",
                        "listDatasetTags", "createMetadata", "listMetadata", "updateMetadata", "deleteMetadata",
                        "listBuiltInMetadata", "toggleBuiltInMetadata", "updateDocumentMetadata", "listModels",
                        "getDataset", "retrieve");
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void tagsAreCreatedBoundListedAndRemoved() {
        Map<String, Object> tag = send("direct:createTag", Map.of("name", "hr")).getMessage().getBody(Map.class);
        Object tagId = tag.get("id");
        send("direct:bindTags", Map.of("tag_ids", List.of(tagId), "target_id", DATASET.id()));

        Map<String, Object> datasetTags = send("direct:listDatasetTags", null).getMessage().getBody(Map.class);
        assertThat((List<Map<String, Object>>) datasetTags.get("data")).extracting(t -> t.get("name"))
                .containsExactly("hr");
        assertThat((List<Map<String, Object>>) send("direct:getDataset", null).getMessage()
                .getBody(Map.class)
                .get("tags")).extracting(t -> t.get("id")).containsExactly(tagId);
        List<Map<String, Object>> all = send("direct:listTags", null).getMessage().getBody(List.class);
        assertThat(all).filteredOn(t -> tagId.equals(t.get("id")))
                .singleElement()
                .satisfies(t -> assertThat(t).containsEntry("binding_count", "1"));

        assertThat(send("direct:updateTag", Map.of("tag_id", tagId, "name", "people")).getMessage()
                .getBody(Map.class)).containsEntry("name", "people");
        send("direct:unbindTags", Map.of("tag_ids", List.of(tagId), "target_id", DATASET.id()));
        assertThat((List<?>) send("direct:listDatasetTags", null).getMessage().getBody(Map.class).get("data"))
                .isEmpty();
        assertThat(send("direct:deleteTag", Map.of("tag_id", tagId)).getException()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void metadataFieldsCarryDocumentValuesIntoRetrieval() {
        Map<String, Object> field = send("direct:createMetadata", Map.of("type", "string", "name", "region"))
                .getMessage()
                .getBody(Map.class);
        send("direct:updateDocumentMetadata", Map.of("operation_data", List.of(Map.of("document_id", DOC.id(),
                "metadata_list", List.of(Map.of("id", field.get("id"), "name", "region", "value", "EMEA"))))));

        Map<String, Object> fields = send("direct:listMetadata", null).getMessage().getBody(Map.class);
        assertThat((List<Map<String, Object>>) fields.get("doc_metadata")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("name", "region").containsEntry("count", 1));
        List<RetrieveRecord> records = send("direct:retrieve", "booking travel").getMessage().getBody(List.class);
        assertThat(records.get(0).getMetadata()).isEqualTo(Map.of("region", "EMEA"));

        send("direct:updateMetadata", Map.of("name", "area"), DifyConstants.PARAMETERS,
                Map.of("metadata_id", field.get("id")));
        records = send("direct:retrieve", "booking travel").getMessage().getBody(List.class);
        assertThat(records.get(0).getMetadata()).isEqualTo(Map.of("area", "EMEA"));

        send("direct:toggleBuiltInMetadata", null, DifyConstants.PARAMETERS, Map.of("action", "enable"));
        assertThat(send("direct:listMetadata", null).getMessage().getBody(Map.class))
                .containsEntry("built_in_field_enabled", true);
        assertThat((List<?>) send("direct:listBuiltInMetadata", null).getMessage().getBody(Map.class).get("fields"))
                .hasSize(5);
        assertThat(send("direct:deleteMetadata", null, DifyConstants.PARAMETERS,
                Map.of("metadata_id", field.get("id"))).getException()).isNull();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkspacesModelsAreListedByType() {
        Map<String, Object> models = send("direct:listModels", null, DifyConstants.PARAMETERS,
                Map.of("model_type", "text-embedding")).getMessage().getBody(Map.class);
        List<Map<String, Object>> providers = (List<Map<String, Object>>) models.get("data");
        assertThat(providers).isNotEmpty();
        assertThat((List<Map<String, Object>>) providers.get(0).get("models")).extracting(m -> m.get("model_type"))
                .containsOnly("text-embedding");
    }
}
