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
