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
import java.util.List;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.api.event.ReasoningChunkEvent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * separateReasoning: the {@code <think>} block of a reasoning model is taken out of the answer, whether the answer is
 * aggregated, blocking or read event by event with the tags split across events.
 */
class DifyReasoningTest extends DifyTestSupport {

    private static final String SAID = "<think>The user greets me.\nI should greet back.</think>\n\nHello to you too!";
    // three characters per event: the tags arrive in pieces
    private static final SimulatedApp THINKER = simulator().createApp(AppMode.CHAT).answer(SAID).chunkChars(3);
    private static final SimulatedApp PLAIN = simulator().createApp(AppMode.CHAT).answer("Just an answer.");

    private final List<DifyStreamEvent> events = new ArrayList<>();
    private final StringBuffer thinking = new StringBuffer();
    private final StringBuffer typing = new StringBuffer();

    @BeforeEach
    void forgetEvents() {
        events.clear();
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.reasoner.apiKey", THINKER.apiKey());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // the routes of docs/features/reasoning.md
                from("direct:askReasoner")
                        .to("dify:chat?separateReasoning=true&apiKey={{dify.reasoner.apiKey}}")
                        .log("reasoning: ${header.CamelDifyReasoning}"); // the body is the answer alone

                from("direct:streamReasoner")
                        .to("dify:chat?separateReasoning=true&delivery=events&apiKey={{dify.reasoner.apiKey}}")
                        .split(body())
                        .streaming()
                        .choice()
                        .when(body().isInstanceOf(ReasoningChunkEvent.class))
                        .to("direct:thinking") // the reasoning, as it comes
                        .when(body().isInstanceOf(MessageEvent.class))
                        .to("direct:typing") // answer text only
                        .end()
                        .end();

                from("direct:thinking").process(e -> thinking.append(
                        e.getMessage().getBody(ReasoningChunkEvent.class).getData().reasoning()));
                from("direct:typing").process(e -> typing.append(
                        e.getMessage().getBody(MessageEvent.class).getAnswer()));

                String thinker = "separateReasoning=true&user=r&apiKey=" + THINKER.apiKey();
                from("direct:blocking").to("dify:chat?delivery=blocking&" + thinker);
                from("direct:plain").to("dify:chat?separateReasoning=true&user=r&apiKey=" + PLAIN.apiKey());
                from("direct:untouched").to("dify:chat?user=r&apiKey=" + THINKER.apiKey());
                from("direct:events").to("dify:chat?delivery=events&" + thinker)
                        .split(body())
                        .streaming()
                        .process(e -> events.add(e.getMessage().getBody(DifyStreamEvent.class)))
                        .end();
            }
        };
    }

    @Test
    void anAggregatedAnswerLosesItsReasoningToAHeader() {
        for (String route : List.of("direct:askReasoner", "direct:blocking")) {
            Exchange answered = send(route, "Hi");

            assertThat(answered.getMessage().getBody(String.class)).as(route).isEqualTo("Hello to you too!");
            assertThat(answered.getMessage().getHeader(DifyConstants.REASONING))
                    .isEqualTo("The user greets me.\nI should greet back.");
        }
    }

    @Test
    void withoutTheOptionOrWithoutReasoningNothingChanges() {
        assertThat(send("direct:untouched", "Hi").getMessage().getBody(String.class)).isEqualTo(SAID);
        Exchange plain = send("direct:plain", "Hi");
        assertThat(plain.getMessage().getBody(String.class)).isEqualTo("Just an answer.");
        assertThat(plain.getMessage().getHeaders()).doesNotContainKey(DifyConstants.REASONING);
    }

    @Test
    void eventsCarryTheAnswerAndTheReasoningComesAsReasoningChunks() {
        send("direct:events", "Hi");

        String answer = events.stream()
                .filter(MessageEvent.class::isInstance)
                .map(e -> ((MessageEvent) e).getAnswer())
                .reduce("", String::concat);
        String reasoning = events.stream()
                .filter(ReasoningChunkEvent.class::isInstance)
                .map(e -> ((ReasoningChunkEvent) e).getData().reasoning())
                .reduce("", String::concat);
        assertThat(answer).isEqualTo("Hello to you too!");
        assertThat(reasoning).isEqualTo("The user greets me.\nI should greet back.");
        assertThat(events.stream().filter(MessageEvent.class::isInstance).count()).isGreaterThan(3);
        assertThat(events.get(events.size() - 1).getEvent()).isEqualTo("message_end");
        // the rewritten events are whole events: their JSON says what their fields say
        assertThat(events).filteredOn(MessageEvent.class::isInstance)
                .allSatisfy(e -> assertThat(e.getRawJson()).doesNotContain("<think>", "</think>"));
    }

    @Test
    void thePagesStreamingRouteTypesTheAnswerAndThinksApart() {
        template.sendBody("direct:streamReasoner", "Hi");

        assertThat(typing.toString()).isEqualTo("Hello to you too!");
        assertThat(thinking.toString()).isEqualTo("The user greets me.\nI should greet back.");
    }

    @Test
    void thePagePrintsTheseRoutes() {
        DocPage.assertSnippetsRunBy("features/reasoning.md", DifyReasoningTest.class, 2);
    }
}
