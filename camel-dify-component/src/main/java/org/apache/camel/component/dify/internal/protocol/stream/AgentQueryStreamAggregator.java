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
package org.apache.camel.component.dify.internal.protocol.stream;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * Aggregates an Agent Knowledge Base query stream ({@code POST /knowledge-fs/query-stream}) into its {@code answer.done}
 * event, as Dify sent it (a Map, unknown fields kept). Only {@code answer.done} is success: an {@code answer.error} can
 * follow {@code answer.delta} frames under HTTP 200, and then the partial text is not an answer; the query fails with
 * the code {@code agent_query_failed} (or the error's own code), saying how many deltas came before. A stream that ends
 * without either fails as incomplete: a query cannot be resumed, it is asked again from a new query token (docs.dify.ai,
 * API reference, Agent Knowledge Base API: "Query the Knowledge Base", "Run Query").
 */
public final class AgentQueryStreamAggregator extends StreamAggregator<Map<String, Object>> {

    public static final String DELTA = "answer.delta";
    public static final String DONE = "answer.done";
    public static final String ERROR = "answer.error";

    private int deltas;
    private Map<String, Object> done;

    public AgentQueryStreamAggregator(String operation, ObjectMapper mapper) {
        super(operation, mapper);
    }

    /** The event's name: its SSE {@code event} field, or a {@code type} field its data names it by. */
    static String nameOf(DifyEvent event) {
        String type = event.text("type");
        return "message".equals(event.name()) && type != null && type.startsWith("answer.") ? type : event.name();
    }

    @Override
    protected void onOtherEvent(DifyEvent event) {
        switch (nameOf(event)) {
            case DELTA -> deltas++;
            case DONE -> done = event.json() == null ? new LinkedHashMap<>()
                    : mapper.convertValue(event.json(), LinkedHashMap.class);
            case ERROR -> {
                String code = firstNonNull(event.text("code"), DifyException.AGENT_QUERY_FAILED);
                String message = firstNonNull(event.text("message"), "the query failed");
                throw new DifyException(operation, 200, code, message
                        + (deltas == 0 ? ""
                                : " (after " + deltas + " answer.delta events: the partial answer is not one)")
                        + "; ask again from a new query token", progress(), null);
            }
            default -> {
                // other events (progress, citations, ...) pass through to readers of delivery=events
            }
        }
    }

    @Override
    protected boolean terminated() {
        return done != null;
    }

    @Override
    protected Map<String, Object> result() {
        return done;
    }
}
