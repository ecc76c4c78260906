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
package org.apache.camel.component.dify.internal.observability;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.internal.binding.ExchangeInputs;

/**
 * The span attributes of the OpenTelemetry GenAI semantic conventions for a {@code dify:} call, whichever tracing
 * library puts them on the span: camel-opentelemetry ({@link DifySpanDecorator}) or camel-opentelemetry2 /
 * camel-telemetry ({@link DifyTelemetrySpanDecorator}).
 */
final class GenAiSpanAttributes {

    /** The component both decorators decorate. */
    static final String COMPONENT = "dify";
    static final String COMPONENT_CLASS = "org.apache.camel.component.dify.DifyComponent";

    /** Where the attributes go: the tracing library's span. */
    interface Sink {

        void text(String key, String value);

        void number(String key, long value);
    }

    private GenAiSpanAttributes() {
    }

    /** The attributes known before the call: gen_ai.system and gen_ai.operation.name. */
    static void beforeCall(Exchange exchange, Endpoint endpoint, Sink span) {
        span.text("gen_ai.system", COMPONENT);
        span.text("gen_ai.operation.name", operation(exchange, endpoint));
    }

    /**
     * The attributes of the answer: gen_ai.usage.input_tokens / output_tokens, gen_ai.response.id,
     * gen_ai.conversation.id, and error.type (the error category) for a failed call.
     */
    static void afterCall(Exchange exchange, Sink span) {
        Message message = exchange.getMessage();
        Long input = message.getHeader(DifyConstants.PROMPT_TOKENS, Long.class);
        Long output = message.getHeader(DifyConstants.COMPLETION_TOKENS, Long.class);
        if (input != null) {
            span.number("gen_ai.usage.input_tokens", input);
        }
        if (output != null) {
            span.number("gen_ai.usage.output_tokens", output);
        }
        String messageId = message.getHeader(DifyConstants.MESSAGE_ID, String.class);
        if (messageId != null) {
            span.text("gen_ai.response.id", messageId);
        }
        String conversationId = message.getHeader(DifyConstants.CONVERSATION_ID, String.class);
        if (conversationId != null) {
            span.text("gen_ai.conversation.id", conversationId);
        }
        String category = message.getHeader(DifyConstants.ERROR_CATEGORY, String.class);
        if (exchange.isFailed() && category != null) {
            span.text("error.type", category);
        }
    }

    /** The span's name: the operation, by the producer's rule; a call that names no valid operation fails there. */
    static String operation(Exchange exchange, Endpoint endpoint) {
        try {
            return ExchangeInputs.operationOf((DifyEndpoint) endpoint, exchange).name();
        } catch (IllegalArgumentException | ClassCastException e) {
            return "dify";
        }
    }
}
