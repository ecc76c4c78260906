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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Knowledge retrieval's {@code metadata_filtering_conditions} (Dify docs
 * /en/api-reference/knowledge-bases/retrieve-chunks-from-a-knowledge-base-test-retrieval): conditions on a document's
 * metadata
 * values, combined with {@code and} (default) or {@code or}. A document without the field never matches a condition,
 * except {@code empty}.
 */
final class MetadataFilter {

    private MetadataFilter() {
    }

    /** Whether the document metadata passes the filter; {@code true} when there is no filter. */
    static boolean matches(JsonNode filter, Map<String, Object> metadata) {
        if (filter == null || filter.isNull() || !filter.path("conditions").isArray()
                || filter.path("conditions").isEmpty()) {
            return true;
        }
        boolean any = "or".equals(filter.path("logical_operator").asText("and"));
        for (JsonNode condition : filter.get("conditions")) {
            boolean match = matches(condition, metadata.get(condition.path("name").asText()));
            if (any && match) {
                return true;
            }
            if (!any && !match) {
                return false;
            }
        }
        return !any;
    }

    private static boolean matches(JsonNode condition, Object actual) {
        String operator = condition.path("comparison_operator").asText();
        JsonNode expected = condition.path("value");
        String text = actual == null ? null : String.valueOf(actual);
        String value = expected.isValueNode() ? expected.asText() : null;
        return switch (operator) {
            case "empty" -> text == null || text.isEmpty();
            case "not empty" -> text != null && !text.isEmpty();
            case "contains" -> text != null && value != null && text.contains(value);
            case "not contains" -> text != null && value != null && !text.contains(value);
            case "start with" -> text != null && value != null && text.startsWith(value);
            case "end with" -> text != null && value != null && text.endsWith(value);
            case "is" -> text != null && text.equals(value);
            case "is not" -> text != null && !text.equals(value);
            case "in" -> text != null && values(expected).contains(text);
            case "not in" -> text != null && !values(expected).contains(text);
            case "=", "≠", ">", "<", "≥", "≤", "before", "after" -> compare(operator, actual, expected);
            default -> false;
        };
    }

    private static boolean compare(String operator, Object actual, JsonNode expected) {
        if (!(actual instanceof Number number) && !(actual instanceof String)) {
            return false;
        }
        double left;
        try {
            left = actual instanceof Number n ? n.doubleValue() : Double.parseDouble((String) actual);
        } catch (NumberFormatException e) {
            return false;
        }
        double right = expected.asDouble();
        return switch (operator) {
            case "=" -> left == right;
            case "≠" -> left != right;
            case ">", "after" -> left > right;
            case "<", "before" -> left < right;
            case "≥" -> left >= right;
            default -> left <= right;
        };
    }

    private static List<String> values(JsonNode expected) {
        List<String> values = new ArrayList<>();
        if (expected.isArray()) {
            expected.forEach(v -> values.add(v.asText()));
        } else if (expected.isValueNode()) {
            values.add(expected.asText());
        }
        return values;
    }
}
