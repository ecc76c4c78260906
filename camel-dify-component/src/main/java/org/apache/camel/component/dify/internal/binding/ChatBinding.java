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

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.ChatRequest;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;

/**
 * {@code chat}: sends a message to a Chatbot, Agent, Chatflow or New Agent app ({@code POST /chat-messages}).
 * <p>
 * Body in: the question as a String, or a {@link ChatRequest} / Map of Dify's request fields for full control.
 * Body out: the answer text (or the {@link MessageResult} with {@code fullResponse}; or the events with
 * {@code streamMode=events}).
 */
final class ChatBinding extends StreamedBinding {

    /** The one instance: a binding holds no state. */
    public static final ChatBinding INSTANCE = new ChatBinding();

    private ChatBinding() {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        ChatRequest body = requestBody(in);
        String query = ExchangeInputs.firstNonBlank(in.header(DifyConstants.QUERY),
                body != null ? body.query() : in.textBody());
        if (query == null) {
            throw in.invalid("no query: send the question as a String body, set the header " + DifyConstants.QUERY
                    + ", or send a Map/ChatRequest body with a query");
        }
        var config = in.configuration();
        ChatRequest request = new ChatRequest(
                query,
                in.inputs(body == null ? null : body.inputs()),
                in.responseMode(body == null ? null : body.responseMode()),
                in.user(body == null ? null : body.user()),
                in.conversationId(body == null ? null : body.conversationId()),
                in.files(body == null ? null : body.files()),
                body != null && body.autoGenerateName() != null ? body.autoGenerateName()
                        : config.isAutoGenerateName(),
                body != null && body.workflowId() != null ? body.workflowId() : config.getWorkflowId());
        return in.stream(in.call(DifyApi.chat).user(request.user()).json(request), request.responseMode());
    }

    private static ChatRequest requestBody(ExchangeInputs in) {
        Object body = in.message().getBody();
        if (body instanceof ChatRequest request) {
            return request;
        }
        Map<String, Object> map = in.mapBody();
        return map == null ? null : in.convert(map, ChatRequest.class);
    }
}
