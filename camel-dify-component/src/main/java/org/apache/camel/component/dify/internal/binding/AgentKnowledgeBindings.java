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
package org.apache.camel.component.dify.internal.binding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyDelivery;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;

/**
 * The Agent Knowledge Base ("KnowledgeFS", Dify 1.17+) operations that are more than one endpoint as it is: asking a
 * question (a query token, then the query stream with it), and the writes that carry an {@code Idempotency-Key}
 * (langgenius/dify api/controllers/service_api/knowledge_fs/resources.py; docs.dify.ai, API reference, Agent Knowledge
 * Base API). The knowledge base is {@code knowledge_base_id}: the header CamelDifyKnowledgeBaseId or the option
 * knowledgeBaseId, the last segment of the endpoint its API Access dialog shows.
 */
final class AgentKnowledgeBindings {

    /** The retrieval depths Dify takes ({@code mode}). */
    static final Set<String> MODES = Set.of("auto", "fast", "deep", "research");
    /** Dify's bounds of a question (KnowledgeFSQueryCreatePayload). */
    static final int MAX_QUERY_LENGTH = 16_000;
    /** Dify's bounds of an Idempotency-Key (KnowledgeFSIdempotencyHeader). */
    static final int MIN_IDEMPOTENCY_KEY = 8;
    static final int MAX_IDEMPOTENCY_KEY = 255;
    /** The exchange property that keeps a generated key, so a redelivery of the exchange sends the same one. */
    static final String GENERATED_KEY = "CamelDifyGeneratedIdempotencyKey";

    private static final String TRACE_HEADER = "X-Trace-ID";

    private AgentKnowledgeBindings() {
    }

    /**
     * {@code agentKnowledgeQuery}: asks the knowledge base a question in one step: a query token
     * ({@code createAgentQueryToken}), then the query stream with it ({@code runAgentQuery}). Body in: the question
     * (text, or the header CamelDifyQuery), or a Map of Dify's fields ({@code query}, {@code mode},
     * {@code activeDocumentIds}, {@code sessionId}); the option agentQueryMode sets {@code mode}. Body out: Dify's
     * {@code answer.done} event as a Map, or with delivery=events the events. A failed query is asked again from a new
     * token: a redelivery of the exchange does that.
     */
    static final class Query extends StreamedBinding {

        static final Query INSTANCE = new Query();

        private Query() {
        }

        @Override
        public CompletableFuture<Object> start(ExchangeInputs in) {
            String knowledgeBaseId = in.requiredParameter("knowledge_base_id");
            Map<String, Object> question = question(in);
            DifyCall admission = in.call(DifyApi.createAgentQueryToken)
                    .path("knowledge_base_id", knowledgeBaseId)
                    .json(question);
            streamedOnly(in);
            return in.client()
                    .send(admission)
                    .thenCompose(token -> in.stream(streamCall(in, token, "createAgentQueryToken's answer"), null));
        }
    }

    /**
     * {@code runAgentQuery}: the second step alone, for a query token got elsewhere: body in is
     * {@code createAgentQueryToken}'s answer ({@code token}, {@code trace_id}, {@code request}), sent on unchanged.
     */
    static final class RunQuery extends StreamedBinding {

        static final RunQuery INSTANCE = new RunQuery();

        private RunQuery() {
        }

        @Override
        public CompletableFuture<Object> start(ExchangeInputs in) {
            streamedOnly(in);
            return in.stream(streamCall(in, in.requestFields(), "the body"), null);
        }
    }

    /**
     * The writes whose repetition Dify recognises by their {@code Idempotency-Key}: {@code createResearchTask},
     * {@code bulkDeleteAgentDocuments}. The key is the header CamelDifyIdempotencyKey, else one made for the exchange
     * and kept on it, so the component's retries and Camel's redeliveries of the exchange send the same key and Dify
     * does the write once.
     */
    static final class IdempotentWrite implements DifyBinding<Object> {

        static final IdempotentWrite INSTANCE = new IdempotentWrite();

        private IdempotentWrite() {
        }

        @Override
        public CompletableFuture<Object> start(ExchangeInputs in) {
            DifyCall call = ApiBinding.INSTANCE.call(in).header("Idempotency-Key", idempotencyKey(in));
            return ApiBinding.INSTANCE.send(in, call);
        }

        @Override
        public void complete(ExchangeInputs in, Object result) {
            ApiBinding.INSTANCE.complete(in, result);
        }
    }

    // a query only streams, and it has no task to leave running: aggregate or events
    private static void streamedOnly(ExchangeInputs in) {
        DifyDelivery delivery = in.delivery();
        if (delivery == DifyDelivery.blocking || delivery.isDetached()) {
            throw in.invalid(in.operation() + " answers with a stream that cannot be left running: use delivery="
                    + DifyDelivery.aggregate + " or delivery=" + DifyDelivery.events + ", not " + delivery);
        }
    }

    /** The question of agentKnowledgeQuery, checked as Dify checks it. */
    static Map<String, Object> question(ExchangeInputs in) {
        Object body = in.message().getBody();
        String header = in.header(DifyConstants.QUERY);
        Map<String, Object> json = header == null && body instanceof CharSequence text ? in.jsonObject(text.toString())
                : null;
        Map<String, Object> question;
        if (header != null || body instanceof CharSequence && json == null) {
            question = new LinkedHashMap<>();
            question.put("query", header != null ? header : body.toString());
        } else {
            question = json != null ? new LinkedHashMap<>(json) : in.requestFields();
        }
        Object query = question.get("query");
        if (!(query instanceof String text) || text.isBlank()) {
            throw in.invalid("no question: the body (text, or a Map with query) or the header " + DifyConstants.QUERY
                    + " must hold the question to ask");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw in.invalid("the question has " + text.length() + " characters; Dify takes at most "
                    + MAX_QUERY_LENGTH);
        }
        String mode = in.configuration().getAgentQueryMode();
        if (mode != null) {
            question.putIfAbsent("mode", mode);
        }
        if (question.get("mode") != null && !MODES.contains(String.valueOf(question.get("mode")))) {
            throw in.invalid("the retrieval depth (mode, or the option agentQueryMode) must be one of " + MODES
                    + ", not " + question.get("mode"));
        }
        return question;
    }

    // the query-stream call from an admission: its token as the key, its trace id as X-Trace-ID, its request unchanged
    private static DifyCall streamCall(ExchangeInputs in, Object admission, String from) {
        if (!(admission instanceof Map<?, ?> issued) || !(issued.get("token") instanceof String token)
                || token.isBlank() || !(issued.get("trace_id") instanceof String traceId) || traceId.isBlank()
                || !(issued.get("request") instanceof Map<?, ?> request)) {
            throw in.invalid(from + " must be createAgentQueryToken's answer: a Map with token, trace_id and"
                    + " request");
        }
        // the Service API's own relay of the stream, not the url the answer names: that is Dify's public address
        // (SERVICE_API_URL), which a caller inside the cluster may not reach
        return DifyCall.to(DifyApi.runAgentQuery, in.operation().name())
                .apiKey(token)
                .header(TRACE_HEADER, traceId)
                .json(request);
    }

    /** The exchange's Idempotency-Key: the header, else one made once per exchange. */
    static String idempotencyKey(ExchangeInputs in) {
        String key = in.header(DifyConstants.IDEMPOTENCY_KEY);
        if (key == null) {
            key = in.exchange().getProperty(GENERATED_KEY, String.class);
            if (key == null) {
                key = UUID.randomUUID().toString();
                in.exchange().setProperty(GENERATED_KEY, key);
            }
            return key;
        }
        if (key.length() < MIN_IDEMPOTENCY_KEY || key.length() > MAX_IDEMPOTENCY_KEY
                || DifyConfiguration.hasControlCharacter(key)) {
            throw in.invalid("the header " + DifyConstants.IDEMPOTENCY_KEY + " must be " + MIN_IDEMPOTENCY_KEY + " to "
                    + MAX_IDEMPOTENCY_KEY + " characters without control characters; it has " + key.length());
        }
        return key;
    }

}
