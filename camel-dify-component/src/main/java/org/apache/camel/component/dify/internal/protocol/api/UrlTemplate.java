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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.QueryParameter;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.UserIn;

/** Expands a row's path template and query with a call's values, encoding each value once. */
public final class UrlTemplate {

    private UrlTemplate() {
    }

    /**
     * The path below the base URL with its query string: path parameters in place, query parameters in the row's
     * order (an array parameter once per value), then {@code user} when the endpoint reads it from the query.
     *
     * @throws IllegalArgumentException a path parameter has no value, or a single-valued parameter has several
     */
    public static String expand(DifyCall call) {
        ApiSpec spec = call.api().spec();
        String path = spec.path();
        for (String name : spec.pathParameters()) {
            String value = call.path().get(name);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Dify " + call.operation() + ": no " + name);
            }
            path = path.replace("{" + name + "}", segment(value));
        }
        StringBuilder target = new StringBuilder(path);
        char separator = '?';
        for (QueryParameter parameter : spec.query()) {
            List<String> values = call.query().getOrDefault(parameter.name(), List.of());
            if (values.size() > 1 && !parameter.array()) {
                throw new IllegalArgumentException("Dify " + call.operation() + ": the query parameter "
                        + parameter.name() + " takes one value, not " + values.size());
            }
            for (String value : values) {
                target.append(separator).append(parameter.name()).append('=').append(query(value));
                separator = '&';
            }
        }
        if (spec.userIn() == UserIn.QUERY && call.user() != null) {
            target.append(separator).append("user=").append(query(call.user()));
        }
        return target.toString();
    }

    /** Encodes one path segment (ids are UUIDs, but a bad value must not change the path). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Encodes one query value. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
