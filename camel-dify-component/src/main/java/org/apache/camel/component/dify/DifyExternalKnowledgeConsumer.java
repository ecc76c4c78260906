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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code from("dify:externalKnowledge")}: a route that answers Dify's External Knowledge API, so a knowledge base in
 * Dify can search whatever the route reaches (a database, a search engine, another system's API). Dify sends
 * {@code POST <path>/retrieval} with {@code Authorization: Bearer <the key registered in Dify>} and
 * {@code {knowledge_id, query, retrieval_setting: {top_k, score_threshold}, metadata_condition}} (Dify docs
 * /en/use-dify/knowledge/external-knowledge-api).
 * <p>
 * The endpoint is served by platform-http. The route gets the query as the body and the headers CamelDifyKnowledgeId,
 * CamelDifyTopK, CamelDifyScoreThreshold, CamelDifyMetadataCondition; its body becomes Dify's {@code records}: a List
 * of records ({@code content}, {@code score}, {@code title}, {@code metadata}, as Maps or objects with those fields),
 * or a Map with {@code records}. Errors, in Dify's suggested shape {@code {error_code, error_msg}}: 1001 (403) for a
 * missing or malformed Authorization header, 1002 (403) for a wrong key, 2001 (404) for a knowledge id the endpoint
 * does not serve (option knowledgeIds), 500 when the route fails.
 */
public class DifyExternalKnowledgeConsumer extends DifyCalledConsumer {

    public DifyExternalKnowledgeConsumer(DifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    String path(DifyConfiguration config) {
        return config.getExternalKnowledgePath().replaceAll("/+$", "") + "/retrieval";
    }

    @Override
    Reply rejectKey(boolean malformed) {
        return malformed
                ? error(403, 1001, "Invalid Authorization header format. Expected 'Bearer <api-key>' format.")
                : error(403, 1002, "Authorization failed");
    }

    @Override
    Reply error(int status, String message) {
        return error(status, status, message);
    }

    // one retrieval request: the query and settings to the route
    @Override
    Reply prepare(Exchange exchange, Map<?, ?> request) {
        DifyConfiguration config = getEndpoint().getConfiguration();
        Message message = exchange.getMessage();
        String knowledgeId = request.get("knowledge_id") == null ? null : request.get("knowledge_id").toString();
        Set<String> served = EventExchanges.filter(config.getKnowledgeIds());
        if (knowledgeId == null || served != null && !served.contains(knowledgeId)) {
            return error(404, 2001, "The knowledge does not exist");
        }
        Map<?, ?> setting = request.get("retrieval_setting") instanceof Map<?, ?> m ? m : Map.of();
        message.setBody(request.get("query") == null ? "" : request.get("query").toString());
        message.setHeader(DifyConstants.KNOWLEDGE_ID, knowledgeId);
        message.setHeader(DifyConstants.QUERY, message.getBody());
        if (setting.get("top_k") instanceof Number topK) {
            message.setHeader(DifyConstants.TOP_K, topK.intValue());
        }
        if (setting.get("score_threshold") instanceof Number threshold) {
            message.setHeader(DifyConstants.SCORE_THRESHOLD, threshold.doubleValue());
        }
        if (request.get("metadata_condition") instanceof Map<?, ?> condition) {
            message.setHeader(DifyConstants.METADATA_CONDITION, condition);
        }
        return null;
    }

    // the route's body written back as Dify's records
    @Override
    Reply answer(Exchange exchange, Map<?, ?> request) {
        Object out = exchange.getMessage().getBody();
        Object records = out instanceof Map<?, ?> body && body.containsKey("records") ? body.get("records") : out;
        return new Reply(200, Map.of("records", records(records)));
    }

    // every record a JSON object, with metadata an object: Dify's pipeline fails on a null metadata
    private static List<Object> records(Object body) {
        List<Object> records = new ArrayList<>();
        Iterable<?> items = body instanceof Iterable<?> iterable ? iterable : body == null ? List.of() : List.of(body);
        for (Object item : items) {
            Map<String, Object> record = new LinkedHashMap<>(MAPPER.convertValue(item, Map.class));
            if (!(record.get("metadata") instanceof Map)) {
                record.put("metadata", Map.of());
            }
            records.add(record);
        }
        return records;
    }

    private static Reply error(int status, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error_code", code);
        error.put("error_msg", message);
        return new Reply(status, error);
    }
}
