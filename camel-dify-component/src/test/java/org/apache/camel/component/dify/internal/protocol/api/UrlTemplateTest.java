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
package org.apache.camel.component.dify.internal.protocol.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlTemplateTest {

    @Test
    void pathValuesAreEncodedAsOneSegmentEach() {
        DifyCall call = DifyCall.to(DifyApi.getDocument, "getDocument")
                .path("dataset_id", "a/b c")
                .path("document_id", "d?e")
                .query("metadata", "only");

        assertThat(UrlTemplate.expand(call)).isEqualTo("/datasets/a%2Fb%20c/documents/d%3Fe?metadata=only");
    }

    @Test
    void queryFollowsTheRowsOrderArraysRepeatAndTheUserComesLast() {
        DifyCall call = DifyCall.to(DifyApi.listSegments, "listSegments")
                .path("dataset_id", "d")
                .path("document_id", "doc")
                .query("status", List.of("completed", "indexing"))
                .query("keyword", "a&b")
                .query("page", 2);

        assertThat(UrlTemplate.expand(call))
                .isEqualTo("/datasets/d/documents/doc/segments?page=2&keyword=a%26b&status=completed&status=indexing");
        assertThat(UrlTemplate.expand(DifyCall.to(DifyApi.listConversations, "listConversations")
                .query("limit", 5)
                .user("u 1"))).isEqualTo("/conversations?limit=5&user=u+1");
    }

    @Test
    void aMissingPathValueOrSeveralValuesForASingleParameterAreRefused() {
        assertThatThrownBy(() -> UrlTemplate.expand(DifyCall.to(DifyApi.getDataset, "getDataset")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dataset_id");
        assertThatThrownBy(() -> UrlTemplate.expand(DifyCall.to(DifyApi.listDatasets, "listDatasets")
                .query("keyword", List.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyword takes one value");
    }
}
