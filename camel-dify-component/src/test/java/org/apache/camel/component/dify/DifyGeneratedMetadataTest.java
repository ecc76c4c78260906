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

import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog model that camel-component-maven-plugin generated: secrets marked, everything described. */
class DifyGeneratedMetadataTest {

    private static JsonNode model() throws Exception {
        try (InputStream in = DifyGeneratedMetadataTest.class
                .getResourceAsStream("/META-INF/org/apache/camel/component/dify/dify.json")) {
            assertThat(in).as("generated dify.json on the classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void apiKeyIsSecretAtEndpointAndComponentLevel() throws Exception {
        JsonNode model = model();
        assertThat(model.at("/properties/apiKey/secret").asBoolean()).isTrue();
        assertThat(model.at("/componentProperties/apiKey/secret").asBoolean()).isTrue();
        assertThat(model.at("/component/scheme").asText()).isEqualTo("dify");
        assertThat(model.at("/component/syntax").asText()).isEqualTo("dify:operation");
    }

    @Test
    void everyOptionAndHeaderHasARealDescription() throws Exception {
        JsonNode model = model();
        for (String section : new String[]{"componentProperties", "properties", "headers"}) {
            model.get(section)
                    .fields()
                    .forEachRemaining(entry -> assertThat(
                            entry.getValue().path("description").asText())
                            .as("%s %s", section, entry.getKey())
                            .hasSizeGreaterThan(20));
        }
    }

    @Test
    void theContractsOptionsAndHeadersArePresentWithTheirDefaults() throws Exception {
        JsonNode model = model();
        for (String option : new String[]{"baseUrl", "apiKey", "user", "responseMode", "conversationId", "inputs",
                "autoGenerateName", "workflowId", "datasetId", "topK", "searchMethod", "scoreThreshold",
                "rerankingEnable", "connectTimeout", "requestTimeout", "streamIdleTimeout"}) {
            assertThat(model.at("/properties/" + option).isMissingNode()).as("endpoint option %s", option).isFalse();
            assertThat(model.at("/componentProperties/" + option).isMissingNode()).as("component option %s", option)
                    .isFalse();
        }
        for (String header : new String[]{"CamelDifyOperation", "CamelDifyQuery", "CamelDifyInputs",
                "CamelDifyUser", "CamelDifyConversationId", "CamelDifyFiles", "CamelDifyDatasetId", "CamelDifyApiKey",
                "CamelDifyMessageId", "CamelDifyTaskId", "CamelDifyWorkflowRunId", "CamelDifyWorkflowStatus",
                "CamelDifyPromptTokens", "CamelDifyCompletionTokens", "CamelDifyTotalTokens", "CamelDifyTotalPrice",
                "CamelDifyCurrency", "CamelDifyLatency", "CamelDifyFileId"}) {
            assertThat(model.at("/headers/" + header).isMissingNode()).as("header %s", header).isFalse();
        }
        Map<String, String> defaults = Map.of("baseUrl", "https://api.dify.ai/v1", "responseMode", "streaming",
                "user", "camel-dify", "autoGenerateName", "true");
        defaults.forEach((option, value) -> {
            try {
                assertThat(model().at("/properties/" + option + "/defaultValue").asText()).isEqualTo(value);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(model.at("/properties/streamIdleTimeout/type").asText()).isEqualTo("duration");
    }
}
