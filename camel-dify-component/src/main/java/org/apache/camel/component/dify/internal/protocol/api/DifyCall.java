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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.dify.internal.protocol.transport.UploadSource;

/**
 * One call of a Dify endpoint: the row of {@link DifyApi} and the values for it. Immutable; built with
 * {@link #to(DifyApi, String)}.
 *
 * @param api        the endpoint
 * @param operation  the name the call is reported under (errors, logs)
 * @param apiKey     the bearer token; never logged
 * @param path       the path parameters by Dify's names
 * @param query      the query parameters by Dify's names, each with its values (several only for array parameters)
 * @param user       the end-user id, placed where the endpoint reads it; {@code null} for none
 * @param json       the JSON body: a Map or an object with Dify's field names; {@code null} for none
 * @param file       the file of a multipart request
 * @param formFields the other fields of a multipart request (e.g. {@code data})
 * @param headers    request headers the endpoint reads beyond the key (e.g. {@code Idempotency-Key})
 */
public record DifyCall(DifyApi api, String operation, String apiKey, Map<String, String> path,
        Map<String, List<String>> query, String user, Object json, UploadSource file, Map<String, String> formFields,
        Map<String, String> headers) {

    /** A call of {@code api} reported as {@code operation}, without values yet. */
    public static DifyCall to(DifyApi api, String operation) {
        return new DifyCall(api, operation, null, Map.of(), Map.of(), null, null, null, Map.of(), Map.of());
    }

    public DifyCall apiKey(String key) {
        return new DifyCall(api, operation, key, path, query, user, json, file, formFields, headers);
    }

    public DifyCall path(String name, String value) {
        return new DifyCall(api, operation, apiKey, with(path, name, value), query, user, json, file, formFields,
                headers);
    }

    /** Sets a query parameter to these values ({@code null} or empty: not sent). */
    public DifyCall query(String name, List<String> values) {
        return new DifyCall(api, operation, apiKey, path, with(query, name, values == null ? List.of() : values), user,
                json, file, formFields, headers);
    }

    public DifyCall query(String name, Object value) {
        return query(name, value == null ? List.of() : List.of(String.valueOf(value)));
    }

    public DifyCall user(String endUser) {
        return new DifyCall(api, operation, apiKey, path, query, endUser, json, file, formFields, headers);
    }

    public DifyCall json(Object body) {
        return new DifyCall(api, operation, apiKey, path, query, user, body, file, formFields, headers);
    }

    public DifyCall file(UploadSource upload) {
        return new DifyCall(api, operation, apiKey, path, query, user, json, upload, formFields, headers);
    }

    public DifyCall formField(String name, String value) {
        return new DifyCall(api, operation, apiKey, path, query, user, json, file, with(formFields, name, value),
                headers);
    }

    /** Sends the request header {@code name} with {@code value}. */
    public DifyCall header(String name, String value) {
        return new DifyCall(api, operation, apiKey, path, query, user, json, file, formFields,
                with(headers, name, value));
    }

    /** The same call on another endpoint (e.g. the stop of a streaming row), keeping key and user. */
    public DifyCall on(DifyApi other, String otherOperation) {
        return new DifyCall(other, otherOperation, apiKey, Map.of(), Map.of(), user, null, null, Map.of(), Map.of());
    }

    private static <V> Map<String, V> with(Map<String, V> map, String name, V value) {
        Map<String, V> copy = new LinkedHashMap<>(map);
        copy.put(name, value);
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return api.spec() + " (" + operation + ")";
    }
}
