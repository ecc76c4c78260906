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
import org.apache.camel.tracing.SpanAdapter;
import org.apache.camel.tracing.decorators.AbstractSpanDecorator;

/**
 * Puts the GenAI attributes ({@link GenAiSpanAttributes}) on the span of a {@code dify:} call when camel-opentelemetry
 * (camel-tracing) traces the route. The tracer finds this decorator through the Java service loader; without
 * camel-tracing the class is never loaded.
 */
public class DifySpanDecorator extends AbstractSpanDecorator {

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
    public void pre(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.pre(span, exchange, endpoint);
        GenAiSpanAttributes.beforeCall(exchange, endpoint, sink(span, true));
    }

    @Override
    public void post(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.post(span, exchange, endpoint);
        GenAiSpanAttributes.afterCall(exchange, sink(span, false));
    }

    // the attributes known before the call name the span's kind of work: low cardinality
    private static GenAiSpanAttributes.Sink sink(SpanAdapter span, boolean lowCardinality) {
        return new GenAiSpanAttributes.Sink() {

            @Override
            public void text(String key, String value) {
                if (lowCardinality || "error.type".equals(key)) {
                    span.setLowCardinalityTag(key, value);
                } else {
                    span.setTag(key, value);
                }
            }

            @Override
            public void number(String key, long value) {
                span.setTag(key, value);
            }
        };
    }
}
