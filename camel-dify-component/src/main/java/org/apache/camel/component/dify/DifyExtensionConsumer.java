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

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.api.ExtensionRequests.ExternalDataQuery;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationInput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationOutput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationVerdict;

/**
 * {@code from("dify:extension")}: an API-based extension of Dify (Dify docs /en/use-dify/workspace/api-extension),
 * served on the HTTP server of httpServerComponent (platform-http by default): Dify posts {@code {point, params}} with the extension's key as a bearer token.
 * <ul>
 * <li>{@code ping} (Dify checks the extension when it is added) is answered {@code {"result": "pong"}} here;</li>
 * <li>{@code app.external_data_tool.query}: the route gets an {@link ExternalDataQuery}; its body (text) is the
 * variable's value, {@code {"result": ...}};</li>
 * <li>{@code app.moderation.input} / {@code app.moderation.output}: the route gets a {@link ModerationInput} /
 * {@link ModerationOutput}; its body is a {@link ModerationVerdict} (or a Map of Dify's fields; no body: not
 * flagged), answered as {@code {flagged, action, preset_response, inputs, query}} / {@code {..., text}}.</li>
 * </ul>
 * The point is in the header CamelDifyExtensionPoint. A wrong key gets 401, an unknown point 400, a failing route 500.
 */
public class DifyExtensionConsumer extends DifyCalledConsumer {

    public DifyExtensionConsumer(DifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    String path(DifyConfiguration config) {
        return config.getExtensionPath();
    }

    @Override
    Reply rejectKey(boolean malformed) {
        return error(401, malformed ? "expected Authorization: Bearer <api key>" : "the API key does not match");
    }

    @Override
    Reply error(int status, String message) {
        return new Reply(status, Map.of("error", message));
    }

    @Override
    Reply prepare(Exchange exchange, Map<?, ?> request) {
        String point = point(request);
        Map<?, ?> params = params(request);
        Message message = exchange.getMessage();
        message.setHeader(DifyConstants.EXTENSION_POINT, point);
        switch (point) {
            case "ping" -> {
                return new Reply(200, Map.of("result", "pong"));
            }
            case "app.external_data_tool.query" -> message.setBody(new ExternalDataQuery(text(params, "app_id"),
                    text(params, "tool_variable"), inputs(params), text(params, "query")));
            case "app.moderation.input" -> message.setBody(
                    new ModerationInput(text(params, "app_id"), inputs(params), text(params, "query")));
            case "app.moderation.output" -> message.setBody(
                    new ModerationOutput(text(params, "app_id"), text(params, "text")));
            default -> {
                return error(400, "unknown extension point '" + point + "': expected ping,"
                        + " app.external_data_tool.query, app.moderation.input or app.moderation.output");
            }
        }
        return null;
    }

    @Override
    Reply answer(Exchange exchange, Map<?, ?> request) {
        String point = point(request);
        if (point.equals("app.external_data_tool.query")) {
            Object result = exchange.getMessage().getBody();
            return new Reply(200, Map.of("result", result == null ? "" : exchange.getMessage().getBody(String.class)));
        }
        return new Reply(200, verdict(exchange.getMessage().getBody(), point.endsWith("input"), params(request)));
    }

    private static String point(Map<?, ?> request) {
        return request.get("point") == null ? "" : request.get("point").toString();
    }

    private static Map<?, ?> params(Map<?, ?> request) {
        return request.get("params") instanceof Map<?, ?> m ? m : Map.of();
    }

    // Dify's moderation answer; what the route leaves out is what Dify sent
    private static Map<String, Object> verdict(Object body, boolean input, Map<?, ?> params) {
        ModerationVerdict verdict = body == null ? ModerationVerdict.pass()
                : body instanceof ModerationVerdict typed ? typed
                        : MAPPER.convertValue(body, ModerationVerdict.class);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("flagged", verdict.flagged());
        json.put("action", verdict.action() == null ? "direct_output" : verdict.action());
        json.put("preset_response", verdict.presetResponse() == null ? "" : verdict.presetResponse());
        if (input) {
            json.put("inputs", verdict.inputs() != null ? verdict.inputs() : inputs(params));
            json.put("query", verdict.query() != null ? verdict.query() : text(params, "query"));
        } else {
            json.put("text", verdict.text() != null ? verdict.text() : text(params, "text"));
        }
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputs(Map<?, ?> params) {
        return params.get("inputs") instanceof Map<?, ?> inputs ? (Map<String, Object>) inputs : Map.of();
    }

    private static String text(Map<?, ?> params, String key) {
        Object value = params.get(key);
        return value == null ? null : value.toString();
    }
}
