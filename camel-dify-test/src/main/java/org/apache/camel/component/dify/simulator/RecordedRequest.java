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
package org.apache.camel.component.dify.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the simulator received, for assertions in tests.
 *
 * @param method        HTTP method
 * @param path          path below {@code /v1}, e.g. {@code /chat-messages}
 * @param query         query string, or {@code null}
 * @param headers       request headers (names lower case)
 * @param json          the JSON body, or {@code null}
 * @param formFields    multipart text fields (upload)
 * @param uploadedBytes bytes of the uploaded file part, or -1
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        JsonNode json, Map<String, String> formFields, long uploadedBytes) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A string field of the JSON body, or {@code null}. */
    public String jsonText(String field) {
        return json == null || !json.hasNonNull(field) ? null : json.get(field).asText();
    }
}
