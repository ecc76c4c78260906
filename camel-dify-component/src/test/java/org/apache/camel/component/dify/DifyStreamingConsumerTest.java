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

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.api.event.NodeFinishedEvent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The consumers: dify:events (the events of the producers' streams) and dify:workflowEvents (follow a run). */
class DifyStreamingConsumerTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT)
            .answerWith(p -> "answer for " + p.query() + " in several words")
            .pacing(Duration.ofMillis(15));
    private static final SimulatedApp FLOW = simulator().createApp(AppMode.WORKFLOW)
            .answer("short")
            .withIteration(4)
            .pacing(Duration.ofMillis(60));

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:events?eventTypes=message,message_end").to("mock:events");
                from("direct:ask").to("dify:chat?apiKey=" + BOT.apiKey());
                from("direct:start").to("dify:workflowRun?user=fay&apiKey=" + FLOW.apiKey());
            }
        };
    }

    @Test
    void eventsOfConcurrentProducerStreamsArriveInOrderAndNeverMix() throws Exception {
        MockEndpoint events = getMockEndpoint("mock:events");
        events.expectedMinimumMessageCount(2);

        Exchange first = template.send("direct:ask", e -> e.getMessage().setBody("one"));
        var second = template.asyncSend("direct:ask", e -> e.getMessage().setBody("two"));
        var third = template.asyncSend("direct:ask", e -> e.getMessage().setBody("three"));
        second.get();
        third.get();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.getExchanges()
                        .stream()
                        .filter(e -> "message_end".equals(e.getMessage().getHeader(DifyConstants.EVENT)))
                        .count() == 3);
        Map<String, List<Exchange>> byStream = events.getExchanges()
                .stream()
                .collect(Collectors.groupingBy(
                        e -> e.getMessage().getHeader(DifyConstants.CORRELATION_ID, String.class)));
        assertThat(byStream).hasSize(3).containsKey(first.getExchangeId());
        for (List<Exchange> stream : byStream.values()) {
            List<Long> indexes = stream.stream()
                    .map(e -> e.getMessage().getHeader(DifyConstants.EVENT_INDEX, Long.class))
                    .toList();
            assertThat(indexes).isSorted().doesNotHaveDuplicates();
            assertThat(stream.stream().map(e -> e.getMessage().getHeader(DifyConstants.TASK_ID)).distinct())
                    .hasSize(1);
            String answer = stream.stream()
                    .map(e -> e.getMessage().getBody(DifyStreamEvent.class))
                    .filter(MessageEvent.class::isInstance)
                    .map(e -> ((MessageEvent) e).getAnswer())
                    .collect(Collectors.joining());
            assertThat(answer).matches("answer for (one|two|three) in several words");
            assertThat(stream.get(stream.size() - 1).getMessage().getHeader(DifyConstants.EVENT))
                    .isEqualTo("message_end");
        }
        assertThat(events.getExchanges()).allMatch(e -> Set.of("message", "message_end")
                .contains(e.getMessage().getHeader(DifyConstants.EVENT, String.class)));
        assertThat(first.getMessage().getBody(String.class)).isEqualTo("answer for one in several words");
    }

    @Test
    void aRunThatCannotBeFollowedIsReportedOnceWithoutReconnecting() throws Exception {
        java.util.concurrent.CopyOnWriteArrayList<Throwable> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        context.getRegistry()
                .bind("recorder", (org.apache.camel.spi.ExceptionHandler) new org.apache.camel.spi.ExceptionHandler() {

                    @Override
                    public void handleException(Throwable exception) {
                        reported.add(exception);
                    }

                    @Override
                    public void handleException(String message, Throwable exception) {
                        reported.add(exception);
                    }

                    @Override
                    public void handleException(String message, org.apache.camel.Exchange exchange,
                            Throwable exception) {
                        reported.add(exception);
                    }
                });
        String unknownRun = java.util.UUID.randomUUID().toString();
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:workflowEvents?reconnectDelay=50&exceptionHandler=#recorder&user=fay&apiKey=" + FLOW.apiKey()
                        + "&workflowRunId=" + unknownRun).to("mock:never");
            }
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> !reported.isEmpty());
        assertThat(reported).singleElement()
                .satisfies(error -> assertThat(error).hasMessageContaining("Workflow run not found"));
        assertThat(simulator().requests("GET", "/workflow/" + unknownRun + "/events")).as("a 404 is not retried")
                .hasSize(1);
    }

    @Test
    void aFollowerReconnectsAfterADropAndReceivesEveryNodeEventExactlyOnce() throws Exception {
        // the starting request loses its connection early; the run goes on in Dify
        FLOW.failNext(new Fault.DropConnection(2)).failNext(new Fault.DropConnection(4));
        String runId = template.send("direct:start", e -> e.getMessage().setBody(Map.of()))
                .getException(org.apache.camel.component.dify.api.DifyException.class)
                .getProgress()
                .workflowRunId();
        // the second fault drops the follower's first connection
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:workflowEvents?reconnectDelay=50&user=fay&apiKey=" + FLOW.apiKey() + "&workflowRunId="
                        + runId).to("mock:follow");
            }
        });
        MockEndpoint follow = getMockEndpoint("mock:follow");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> follow.getExchanges()
                        .stream()
                        .anyMatch(e -> "workflow_finished".equals(e.getMessage().getHeader(DifyConstants.EVENT))));

        List<DifyStreamEvent> received = follow.getExchanges()
                .stream()
                .map(e -> e.getMessage().getBody(DifyStreamEvent.class))
                .toList();
        List<String> identities = received.stream()
                .map(DifyWorkflowRunConsumerIdentity::of)
                .filter(java.util.Objects::nonNull)
                .toList();
        assertThat(identities).doesNotHaveDuplicates();
        Set<String> finishedNodes = new HashSet<>();
        received.stream()
                .filter(NodeFinishedEvent.class::isInstance)
                .forEach(e -> finishedNodes.add(((NodeFinishedEvent) e).getData().nodeId()));
        assertThat(finishedNodes).contains("iteration_item_3", "llm", "end");
        assertThat(received.get(received.size() - 1).getEvent()).isEqualTo("workflow_finished");
        List<RecordedRequest> connections = simulator().requests("GET", "/workflow/" + runId + "/events");
        assertThat(connections).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Thread.getAllStackTraces().keySet()).as("no thread of its own follows the run")
                .noneMatch(thread -> thread.getName().contains("DifyWorkflowEvents"));
        assertThat(connections.get(1).query()).contains("include_state_snapshot=true");
        assertThat(follow.getExchanges()).allMatch(e -> runId.equals(e.getMessage()
                .getHeader(DifyConstants.WORKFLOW_RUN_ID)));
    }
}
