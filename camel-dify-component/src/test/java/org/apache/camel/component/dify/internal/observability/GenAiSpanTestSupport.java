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

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With one of Camel's tracing libraries tracing the route into an in-memory OpenTelemetry exporter, the span of a
 * dify: call carries the GenAI attributes. A subclass installs its tracing library.
 */
abstract class GenAiSpanTestSupport extends DifyTestSupport {

    private final SimulatedApp bot = simulator().createApp(AppMode.CHAT).answer("Traced.");
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();

    /** Makes the tracing library under test trace {@code camel} with {@code openTelemetry}. */
    protected abstract void trace(CamelContext camel, OpenTelemetrySdk openTelemetry);

    /** A token count as the library writes it. */
    protected abstract Long tokens(Attributes attributes, String key);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                .build();
        trace(camel, OpenTelemetrySdk.builder().setTracerProvider(provider).build());
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                directRoutes(this, "user=traced&apiKey=" + bot.apiKey(), "chat");
            }
        };
    }

    // the context, and with it the exporter, lives as long as the test class
    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void theSpanOfACallCarriesTheGenAiAttributes() {
        var answered = send("direct:chat", "Hi");
        assertThat(answered.getException()).isNull();

        await().until(() -> difySpan() != null);
        Attributes attributes = difySpan().getAttributes();
        assertThat(attributes.get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(tokens(attributes, "gen_ai.usage.input_tokens"))
                .isEqualTo(answered.getMessage().getHeader(DifyConstants.PROMPT_TOKENS, Long.class));
        assertThat(tokens(attributes, "gen_ai.usage.output_tokens")).isPositive();
        assertThat(attributes.get(AttributeKey.stringKey("gen_ai.response.id")))
                .isEqualTo(answered.getMessage().getHeader(DifyConstants.MESSAGE_ID));
        assertThat(attributes.get(AttributeKey.stringKey("gen_ai.conversation.id")))
                .isEqualTo(answered.getMessage().getHeader(DifyConstants.CONVERSATION_ID));
    }

    @Test
    void theSpanOfAFailedCallCarriesItsErrorCategory() {
        send("direct:chat", "Hi", DifyConstants.API_KEY, "app-unknown");

        await().until(() -> difySpan() != null);
        assertThat(difySpan().getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("auth");
    }

    private SpanData difySpan() {
        List<SpanData> finished = spans.getFinishedSpanItems();
        return finished.stream()
                .filter(s -> "dify".equals(s.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))))
                .findFirst()
                .orElse(null);
    }
}
