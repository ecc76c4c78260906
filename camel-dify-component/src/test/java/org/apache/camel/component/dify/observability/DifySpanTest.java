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

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyTestSupport;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With camel-opentelemetry tracing the route, the span of a dify: call carries the GenAI attributes. */
class DifySpanTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answer("Traced.");
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(OpenTelemetrySdk.builder().setTracerProvider(provider).build().getTracer("dify-test"));
        tracer.init(camel);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                directRoutes(this, "user=traced&apiKey=" + BOT.apiKey(), "chat");
            }
        };
    }

    @Test
    void theSpanOfACallCarriesTheGenAiAttributes() {
        var answered = send("direct:chat", "Hi");

        await().until(() -> difySpan() != null);
        SpanData span = difySpan();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .isEqualTo(answered.getMessage().getHeader(DifyConstants.PROMPT_TOKENS, Long.class));
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isPositive();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.response.id")))
                .isEqualTo(answered.getMessage().getHeader(DifyConstants.MESSAGE_ID));
    }

    private SpanData difySpan() {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(s -> "dify".equals(s.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))))
                .findFirst()
                .orElse(null);
    }
}
