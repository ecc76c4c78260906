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

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors.KeyType;

/**
 * How one Dify endpoint is called, as Dify's OpenAPI spec and server code define it: a row of {@link DifyApi}.
 * Immutable: every {@code with} step returns a new spec.
 *
 * @param method   the HTTP method
 * @param path     the path template below the base URL, with {@code {name}} for each path parameter
 * @param pathParameters the names of the path parameters, in the order they appear (read from {@code path} once)
 * @param keyType  the key the endpoint takes (an app key, or a knowledge key for the Knowledge API)
 * @param userIn   where Dify reads the end-user id
 * @param query    the query parameters, in the order they are sent
 * @param cursor   which item of a page names the cursor of the next page, for list endpoints
 * @param body     what the request carries
 * @param response what a successful answer is
 * @param stream   for endpoints that answer with Server-Sent Events: which events, else {@code null}
 * @param stopWith   the endpoint that stops the task a stream runs, or {@code null} when there is none
 * @param effect     whether the endpoint reads, writes or deletes
 * @param idempotent whether sending the same request twice leaves Dify as sending it once (reads, stops, updates and
 *                   deletes by id; not generations, creations or uploads): decides what may be retried
 */
public record ApiSpec(String method, String path, List<String> pathParameters, KeyType keyType, UserIn userIn,
        List<QueryParameter> query,
        Cursor cursor, Body body, Response response, StreamFamily stream, DifyApi stopWith, Effect effect,
        boolean idempotent) {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    /** Where Dify reads the end-user id (its OpenAPI spec: a query parameter, a JSON body field or a form field). */
    public enum UserIn {
        NONE,
        QUERY,
        BODY,
        /** A field of the multipart form. */
        FORM
    }

    /** What a request carries. */
    public enum Body {
        NONE,
        /** One JSON object. */
        JSON,
        /** A multipart form whose part {@code file} is the file. */
        FILE,
        /**
         * A multipart form with the file in part {@code file} and the document's settings as JSON in part
         * {@code data} (Dify's document-by-file endpoints).
         */
        FILE_AND_SETTINGS
    }

    /** What a successful answer is. */
    public enum Response {
        /** A JSON document (or an empty body). */
        JSON,
        /** Bytes of a file, audio or a zip (a JSON answer is still read as JSON). */
        BINARY,
        /** Server-Sent Events, or one JSON document when the request asked for a blocking answer. */
        EVENTS
    }

    /** What an endpoint does to Dify's data. */
    public enum Effect {
        /** Only reads (also the POST endpoints that compute an answer without storing anything, e.g. retrieve). */
        READ,
        /** Creates, updates or runs something. */
        WRITE,
        /** Deletes something. */
        DESTRUCTIVE
    }

    /** One query parameter; an array parameter is sent once per value (form style, as Dify's spec declares). */
    public record QueryParameter(String name, boolean array) {
    }

    static ApiSpec of(String method, String path) {
        Effect effect = switch (method) {
            case "GET" -> Effect.READ;
            case "DELETE" -> Effect.DESTRUCTIVE;
            default -> Effect.WRITE;
        };
        List<String> pathParameters = new ArrayList<>();
        Matcher matcher = PATH_PARAMETER.matcher(path);
        while (matcher.find()) {
            pathParameters.add(matcher.group(1));
        }
        return new ApiSpec(method, path, List.copyOf(pathParameters), KeyType.APP, UserIn.NONE, List.of(), Cursor.NONE,
                method.equals("GET") ? Body.NONE : Body.JSON, Response.JSON, null, null, effect,
                !method.equals("POST"));
    }

    /** The query parameter of that name, or {@code null} when the endpoint takes none. */
    public QueryParameter queryParameter(String name) {
        return query.stream().filter(q -> q.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code METHOD /path/{parameter}}, as Dify's OpenAPI spec writes it. */
    @Override
    public String toString() {
        return method + " " + path;
    }

    ApiSpec knowledgeKey() {
        return new ApiSpec(method, path, pathParameters, KeyType.DATASET, userIn, query, cursor, body, response, stream,
                stopWith,
                effect, idempotent);
    }

    ApiSpec userIn(UserIn where) {
        return new ApiSpec(method, path, pathParameters, keyType, where, query, cursor, body, response, stream,
                stopWith, effect,
                idempotent);
    }

    ApiSpec query(String... names) {
        List<QueryParameter> all = new ArrayList<>(query);
        for (String name : names) {
            all.add(new QueryParameter(name, false));
        }
        return new ApiSpec(method, path, pathParameters, keyType, userIn, List.copyOf(all), cursor, body, response,
                stream,
                stopWith, effect, idempotent);
    }

    ApiSpec arrayQuery(String name) {
        List<QueryParameter> all = new ArrayList<>(query);
        all.add(new QueryParameter(name, true));
        return new ApiSpec(method, path, pathParameters, keyType, userIn, List.copyOf(all), cursor, body, response,
                stream,
                stopWith, effect, idempotent);
    }

    ApiSpec paged(Cursor next) {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, next, body, response, stream, stopWith,
                effect,
                idempotent);
    }

    ApiSpec noBody() {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, Body.NONE, response, stream,
                stopWith, effect,
                idempotent);
    }

    ApiSpec fileUpload() {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, Body.FILE, response, stream,
                stopWith, effect,
                idempotent);
    }

    ApiSpec withSettings() {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, Body.FILE_AND_SETTINGS,
                response, stream,
                stopWith, effect, idempotent);
    }

    ApiSpec binaryResponse() {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, body, Response.BINARY, stream,
                stopWith,
                effect, idempotent);
    }

    ApiSpec streams(StreamFamily family) {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, body, Response.EVENTS, family,
                stopWith,
                effect, idempotent);
    }

    /** A POST that only reads: safe to send again. */
    ApiSpec readOnly() {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, body, response, stream,
                stopWith, Effect.READ,
                true);
    }

    /** A POST whose repetition changes nothing more (a stop, a rating, an update by id). */
    ApiSpec safeToRepeat() {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, body, response, stream,
                stopWith, effect,
                true);
    }

    ApiSpec stoppedBy(DifyApi stop) {
        return new ApiSpec(method, path, pathParameters, keyType, userIn, query, cursor, body, response, stream, stop,
                effect,
                idempotent);
    }
}
