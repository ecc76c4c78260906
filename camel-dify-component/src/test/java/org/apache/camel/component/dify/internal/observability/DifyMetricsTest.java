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

import java.util.Map;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyTestSupport;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a Micrometer registry in Camel's registry, each call records the GenAI meters: tokens by type, the call's
 * duration (with the app mode, and the error category when it failed) and Dify's time to first token.
 */
class DifyMetricsTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answer("Four words in total.");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getRegistry().bind("meters", meters);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                directRoutes(this, "user=metrics&apiKey=" + BOT.apiKey(), "chat", "completion", "workflowRun");
                from("direct:events").to("dify:chat?user=metrics&delivery=events&apiKey=" + BOT.apiKey())
                        .split(body())
                        .streaming()
                        .to("mock:event");
            }
        };
    }

    @Test
    void aChatRecordsTokensDurationAndTimeToFirstToken() {
        var answered = send("direct:chat", "How long is the answer?");
        long input = answered.getMessage().getHeader(DifyConstants.PROMPT_TOKENS, Long.class);
        long output = answered.getMessage().getHeader(DifyConstants.COMPLETION_TOKENS, Long.class);

        DistributionSummary inputTokens = meters.get("gen_ai.client.token.usage")
                .tag("gen_ai.token.type", "input")
                .tag("gen_ai.operation.name", "chat")
                .summary();
        DistributionSummary outputTokens = meters.get("gen_ai.client.token.usage")
                .tag("gen_ai.token.type", "output")
                .summary();
        assertThat(inputTokens.totalAmount()).isEqualTo(input);
        assertThat(outputTokens.totalAmount()).isEqualTo(output);
        Timer duration = meters.get("gen_ai.client.operation.duration")
                .tag("error.type", "none")
                .tag("dify.response_mode", "streaming")
                .timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(meters.get("gen_ai.server.time_to_first_token").timer().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(AppMode.class)
    void everyCallIsTaggedWithTheModeOfTheAppItWentTo(AppMode mode) {
        SimulatedApp app = simulator().createApp(mode).answer("Tagged.");
        String operation = switch (mode) {
            case COMPLETION -> "completion";
            case WORKFLOW -> "workflowRun";
            default -> "chat";
        };
        Object body = mode == AppMode.WORKFLOW ? Map.of("topic", "Hi") : "Hi";
        var answered = send("direct:" + operation, body, DifyConstants.API_KEY, app.apiKey());
        assertThat(answered.getException()).isNull();

        assertThat(meters.get("gen_ai.client.operation.duration")
                .tag("gen_ai.operation.name", operation)
                .tag("dify.app.mode", mode.wireName())
                .timer()
                .count()).isEqualTo(1);
    }

    @Test
    void aStreamReadEventByEventIsMeasuredToItsEndWithItsTokens() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:event");
        events.expectedMinimumMessageCount(2);

        send("direct:events", "Read me event by event");

        events.assertIsSatisfied();
        // recorded when the stream is over, which is after the route that read it returned
        await().until(() -> meters.find("gen_ai.client.operation.duration")
                .tag("dify.response_mode", "streaming")
                .timer() != null);
        assertThat(meters.get("gen_ai.client.operation.duration")
                .tag("error.type", "none")
                .tag("dify.app.mode", "chat")
                .timer()
                .count()).isEqualTo(1);
        assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().totalAmount())
                .isPositive();
    }

    @Test
    void aFailedCallRecordsItsErrorCategory() {
        send("direct:chat", "Hi", DifyConstants.API_KEY, "app-unknown");

        assertThat(meters.get("gen_ai.client.operation.duration").tag("error.type", "auth").timer().count())
                .isEqualTo(1);
    }
}
