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
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractSpanDecorator;

/**
 * Puts the GenAI attributes ({@link GenAiSpanAttributes}) on the span of a {@code dify:} call when Camel's newer
 * tracing (camel-telemetry: camel-opentelemetry2, camel-micrometer-observability) traces the route. Found through the
 * Java service loader; without camel-telemetry the class is never loaded. This tracing API takes text attributes only,
 * so token counts are their decimal text.
 */
public class DifyTelemetrySpanDecorator extends AbstractSpanDecorator {

    @Override
    public String getComponent() {
        return GenAiSpanAttributes.COMPONENT;
    }

    @Override
    public String getComponentClassName() {
        return GenAiSpanAttributes.COMPONENT_CLASS;
    }

    @Override
    public String getOperationName(Exchange exchange, Endpoint endpoint) {
        return GenAiSpanAttributes.operation(exchange, endpoint);
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        GenAiSpanAttributes.beforeCall(exchange, endpoint, sink(span));
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        GenAiSpanAttributes.afterCall(exchange, sink(span));
    }

    private static GenAiSpanAttributes.Sink sink(Span span) {
        return new GenAiSpanAttributes.Sink() {

            @Override
            public void text(String key, String value) {
                span.setTag(key, value);
            }

            @Override
            public void number(String key, long value) {
                span.setTag(key, Long.toString(value));
            }
        };
    }
}
