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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents from files (streamed multipart with the settings part), their download and a zip of several. */
class DifyDocumentFileOperationsTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedDataset DATASET = simulator().createDataset("Files");

    @TempDir
    Path dir;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String options = "apiKey=" + KEY + "&datasetId=" + DATASET.id();
                directRoutes(this, options, "createDocumentByFile", "updateDocument", "updateDocumentByFile",
                        "downloadDocument", "getDocument");
                from("direct:zip").to("dify:downloadDocumentsZip?" + options)
                        .process(e -> {
                            StringBuilder names = new StringBuilder();
                            try (ZipInputStream zip = new ZipInputStream(e.getMessage().getBody(InputStream.class))) {
                                for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                                    names.append(entry.getName())
                                            .append(':')
                                            .append(new String(zip.readAllBytes(), StandardCharsets.UTF_8).trim())
                                            .append(';');
                                }
                            }
                            e.getMessage().setBody(names.toString());
                        });
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDocumentIsCreatedFromAFileUpdatedDownloadedAndZipped() throws Exception {
        Path file = Files.writeString(dir.resolve("guide.md"), "Use the portal for travel.");
        Map<String, Object> created = send("direct:createDocumentByFile", file, DifyConstants.DOCUMENT_SETTINGS,
                Map.of("indexing_technique", "economy", "process_rule", Map.of("mode", "automatic")))
                .getMessage()
                .getBody(Map.class);
        Map<String, Object> document = (Map<String, Object>) created.get("document");
        String documentId = (String) document.get("id");
        assertThat(document).containsEntry("name", "guide.md");
        assertThat(created.get("batch")).isNotNull();
        var requests = simulator().requests("POST", "/datasets/" + DATASET.id() + "/document/create-by-file");
        RecordedRequest request = requests.get(requests.size() - 1);
        assertThat(request.formFields().get("data")).contains("\"indexing_technique\":\"economy\"");
        assertThat(request.uploadedBytes()).isEqualTo(Files.size(file));

        Path newer = Files.writeString(dir.resolve("guide-v2.md"), "Use the new portal.");
        Map<String, Object> updated = (Map<String, Object>) send("direct:updateDocument", newer,
                DifyConstants.DOCUMENT_ID, documentId).getMessage().getBody(Map.class).get("document");
        assertThat(updated).containsEntry("name", "guide-v2.md");
        Path third = Files.writeString(dir.resolve("guide-v3.md"), "Use the newest portal.");
        assertThat(send("direct:updateDocumentByFile", third, DifyConstants.DOCUMENT_ID, documentId).getException())
                .isNull();

        assertThat((String) send("direct:downloadDocument", null, DifyConstants.DOCUMENT_ID, documentId)
                .getMessage()
                .getBody(Map.class)
                .get("url")).startsWith("http://127.0.0.1:");
        Exchange zip = send("direct:zip", Map.of("document_ids", List.of(documentId)));
        assertThat(zip.getMessage().getBody(String.class)).isEqualTo("guide-v3.md:Use the newest portal.;");
    }

    @Test
    void aFileTypeKnowledgeCannotReadIsRejectedAsDifyDoes() throws Exception {
        Path binary = Files.write(dir.resolve("tool.exe"), new byte[]{1, 2, 3});

        DifyException error = send("direct:createDocumentByFile", binary, DifyConstants.DOCUMENT_SETTINGS,
                Map.of("indexing_technique", "economy")).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("invalid_param");
    }
}
