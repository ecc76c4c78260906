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

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.apache.camel.component.dify.simulator.RecordedInteraction;
import org.apache.camel.component.dify.simulator.RecordedRequest;

/**
 * Checks what went over the wire in a test against Dify's published OpenAPI spec (openapi_service.json, bundled with
 * the simulator): each request the component sent, and each response the simulator gave. Where Dify's server and
 * docs disagree, the server wins (langgenius/dify api/controllers/service_api/); each such case is an explicit
 * exception below.
 */
final class OpenApiConformance {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(spec())
            .withBasePathOverride("/")
            .build();

    private OpenApiConformance() {
    }

    private static String spec() {
        try (InputStream in = OpenApiConformance.class.getResourceAsStream("/dify-openapi/openapi_service.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled OpenAPI spec", e);
        }
    }

    /** The violations of all interactions, one line each; empty when everything conforms. */
    static List<String> violations(List<RecordedInteraction> interactions) {
        List<String> violations = new ArrayList<>();
        for (RecordedInteraction interaction : interactions) {
            if (interaction.scripted() || interaction.status() == 0) {
                continue; // a scripted fault (proxy page, dropped connection) is outside the spec on purpose
            }
            if (interaction.request().method().equals("GET") && interaction.request().path().equals("/")) {
                continue; // the API root (the health check's probe) is served by Dify but not in its published spec
            }
            if (interaction.request().path().startsWith("/knowledge-fs/")) {
                // the Agent Knowledge Base API (Dify 1.17) is newer than the spec snapshot: DifySpecCoverageTest checks
                // its endpoints against Dify's routes, DifyAgentKnowledgeBaseTest its requests
                continue;
            }
            ValidationReport report = VALIDATOR.validate(request(interaction.request()), response(interaction));
            for (ValidationReport.Message message : report.getMessages()) {
                if (message.getLevel() == ValidationReport.Level.ERROR && !knownDifference(interaction, message)) {
                    violations.add(interaction.request().method() + " " + interaction.request().path() + " -> "
                            + interaction.status() + ": [" + message.getKey() + "] " + message.getMessage());
                }
            }
        }
        return violations;
    }

    private static Request request(RecordedRequest recorded) {
        SimpleRequest.Builder builder = new SimpleRequest.Builder(recorded.method(), recorded.path());
        recorded.headers().forEach((name, values) -> values.forEach(v -> builder.withHeader(name, v)));
        if (recorded.query() != null) {
            for (String pair : recorded.query().split("&")) {
                int eq = pair.indexOf('=');
                builder.withQueryParam(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (recorded.json() != null) {
            builder.withBody(recorded.json().toString());
        }
        return builder.build();
    }

    private static boolean isMultipart(RecordedRequest recorded) {
        String type = recorded.header("content-type");
        return type != null && type.startsWith("multipart/form-data");
    }

    private static SimpleResponse response(RecordedInteraction interaction) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(interaction.status());
        if (interaction.contentType() != null) {
            builder.withContentType(interaction.contentType());
            if (interaction.body().length > 0) {
                builder.withBody(new String(interaction.body(), StandardCharsets.UTF_8));
            } else if (interaction.contentType().startsWith("text/event-stream")) {
                // the spec types a stream as a string; its frames are checked by the streaming tests
                builder.withBody("data: {}\n\n");
            } else if (interaction.status() < 300 && interaction.status() != 204
                    && !interaction.contentType().contains("json")) {
                // a binary body (audio, a file) is not kept; its bytes are checked by the tests that read it
                builder.withBody("binary");
            }
        }
        return builder.build();
    }

    /** Where the server's behaviour, which the component and simulator follow, differs from the docs. */
    private static boolean knownDifference(RecordedInteraction interaction, ValidationReport.Message message) {
        String key = message.getKey();
        String text = message.getMessage();
        // multipart uploads stream the file; the harness keeps only the text fields, which the upload tests check
        if ("validation.request.body.missing".equals(key) && isMultipart(interaction.request())) {
            return true;
        }
        // langgenius/dify api/controllers/service_api/wraps.py: every endpoint answers 401 for a missing, unknown or
        // other-type key; the spec lists 401 on
        // none of the operations
        if ("validation.response.status.unknown".equals(key) && interaction.status() == 401) {
            return true;
        }
        // langgenius/dify api/core/app/entities/task_entities.py (message_end): metadata also carries annotation_reply
        // (and reasoning), and usage also
        // time_to_first_token and time_to_generate, in blocking bodies as in message_end
        if ("validation.response.body.schema.additionalProperties".equals(key)
                && (text.startsWith("[Path '/metadata']") || text.startsWith("[Path '/metadata/usage']"))) {
            return true;
        }
        // langgenius/dify api/controllers/service_api/app/file_preview.py: the preview is sent with the file's stored
        // MIME type, as the spec's
        // own description says; its schema lists application/octet-stream only
        if ("validation.response.contentType.notAllowed".equals(key)
                && interaction.request().path().endsWith("/preview")) {
            return true;
        }
        // langgenius/dify api/services/hit_testing_service.py: a retrieved segment's answer and sign_content are null
        // unless the knowledge base is in Q&A
        // mode / signed; the spec types them as plain strings
        if ("validation.response.body.schema.type".equals(key) && text.contains("Instance type (null)")
                && (text.contains("/segment/answer'") || text.contains("/segment/sign_content'"))) {
            return true;
        }
        return false;
    }
}
