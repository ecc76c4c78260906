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
package org.apache.camel.component.dify.observability;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.binding.ExchangeInputs;
import org.apache.camel.tracing.SpanAdapter;
import org.apache.camel.tracing.decorators.AbstractSpanDecorator;

/**
 * Puts the attributes of the OpenTelemetry GenAI semantic conventions on the span of a {@code dify:} call when Camel's
 * tracing is in use (camel-opentelemetry finds this decorator through the Java service loader; without it the class is
 * never loaded): gen_ai.system, gen_ai.operation.name, and from the answer gen_ai.usage.input_tokens / output_tokens,
 * gen_ai.response.id, gen_ai.conversation.id, and error.type (the error category) for a failed call.
 */
public class DifySpanDecorator extends AbstractSpanDecorator {

    @Override
    public String getComponent() {
        return "dify";
    }

    @Override
    public String getComponentClassName() {
        return "org.apache.camel.component.dify.DifyComponent";
    }

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return operation(exchange, endpoint);
    }

    @Override
    public void pre(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.pre(span, exchange, endpoint);
        span.setLowCardinalityTag("gen_ai.system", "dify");
        span.setLowCardinalityTag("gen_ai.operation.name", operation(exchange, endpoint));
    }

    @Override
    public void post(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.post(span, exchange, endpoint);
        var message = exchange.getMessage();
        Long input = message.getHeader(DifyConstants.PROMPT_TOKENS, Long.class);
        Long output = message.getHeader(DifyConstants.COMPLETION_TOKENS, Long.class);
        if (input != null) {
            span.setTag("gen_ai.usage.input_tokens", input);
        }
        if (output != null) {
            span.setTag("gen_ai.usage.output_tokens", output);
        }
        String messageId = message.getHeader(DifyConstants.MESSAGE_ID, String.class);
        if (messageId != null) {
            span.setTag("gen_ai.response.id", messageId);
        }
        String conversationId = message.getHeader(DifyConstants.CONVERSATION_ID, String.class);
        if (conversationId != null) {
            span.setTag("gen_ai.conversation.id", conversationId);
        }
        String category = message.getHeader(DifyConstants.ERROR_CATEGORY, String.class);
        if (exchange.isFailed() && category != null) {
            span.setLowCardinalityTag("error.type", category);
        }
    }

    // the same rule as the producer's; a call that names no valid operation fails there, its span is just "dify"
    private static String operation(Exchange exchange, Endpoint endpoint) {
        try {
            return ExchangeInputs.operationOf((DifyEndpoint) endpoint, exchange).name();
        } catch (IllegalArgumentException | ClassCastException e) {
            return "dify";
        }
    }
}
