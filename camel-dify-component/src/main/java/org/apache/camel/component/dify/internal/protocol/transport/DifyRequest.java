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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.util.Map;

/**
 * One HTTP call to Dify.
 *
 * @param operation the component operation, for errors and logs
 * @param keyType   which key type the endpoint takes, for the hint on a 401
 * @param method    HTTP method
 * @param path      path below the base URL, already encoded, starting with {@code /}
 * @param apiKey    the bearer token; never logged
 * @param body      what to send
 * @param accept    the {@code Accept} header: what the operation can answer (a gateway that negotiates content answers
 *                  406 to a binary request that only accepts JSON and event streams)
 * @param trace     the trace and session ids to send, and where the answer's server version and trace id are kept;
 *                  {@code null} for none
 * @param headers   further request headers (e.g. {@code Idempotency-Key}); they win over the trace's of the same name
 */
public record DifyRequest(String operation, DifyErrors.KeyType keyType, String method, String path, String apiKey,
        RequestBody body, String accept, CallTrace trace, Map<String, String> headers) {

    public DifyRequest(String operation, DifyErrors.KeyType keyType, String method, String path, String apiKey,
            RequestBody body, String accept, CallTrace trace) {
        this(operation, keyType, method, path, apiKey, body, accept, trace, Map.of());
    }

    /** A JSON answer. */
    public static final String JSON = "application/json";
    /** A stream, or a JSON answer (blocking mode, errors). */
    public static final String STREAM_OR_JSON = "text/event-stream, application/json";
    /** Any media type: a file, audio or a zip, or a JSON error. */
    public static final String ANY = "*/*";

    @Override
    public String toString() {
        return method + " " + path + " (" + operation + ")";
    }
}
