package org.apache.camel.component.dify.protocol.transport;

import java.util.Map;

/** What a request sends: nothing, a JSON document, or a multipart form with one streamed file. */
public sealed interface RequestBody {

    /** No body (GET). */
    record None() implements RequestBody {
    }

    /** An {@code application/json} body, already serialized. */
    record Json(byte[] bytes) implements RequestBody {
    }

    /** A {@code multipart/form-data} body: text fields, then the file as part {@code fileField}. */
    record Multipart(Map<String, String> fields, String fileField, UploadSource file) implements RequestBody {
    }
}
