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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.AgentLogEvent;
import org.apache.camel.component.dify.api.event.AgentMessageEvent;
import org.apache.camel.component.dify.api.event.AgentThoughtEvent;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.ErrorEvent;
import org.apache.camel.component.dify.api.event.IterationNextEvent;
import org.apache.camel.component.dify.api.event.LoopNextEvent;
import org.apache.camel.component.dify.api.event.MessageEndEvent;
import org.apache.camel.component.dify.api.event.MessageEvent;
import org.apache.camel.component.dify.api.event.MessageFileEvent;
import org.apache.camel.component.dify.api.event.MessageReplaceEvent;
import org.apache.camel.component.dify.api.event.NodeFinishedEvent;
import org.apache.camel.component.dify.api.event.NodeRetryEvent;
import org.apache.camel.component.dify.api.event.ReasoningChunkEvent;
import org.apache.camel.component.dify.api.event.TextChunkEvent;
import org.apache.camel.component.dify.api.event.TextReplaceEvent;
import org.apache.camel.component.dify.api.event.TtsMessageEvent;
import org.apache.camel.component.dify.api.event.UnknownEvent;
import org.apache.camel.component.dify.api.event.WorkflowFinishedEvent;
import org.apache.camel.component.dify.api.event.WorkflowStartedEvent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** delivery=events: every event of a stream becomes an exchange through .split(body()).streaming(). */
class DifyStreamingEventsTest extends DifyTestSupport {

    private static final SimulatedApp CHAT = simulator().createApp(AppMode.CHAT)
            .answer("Hello there friend")
            .withEveryEventType()
            .moderateTo("Hello there, friend.");
    private static final SimulatedApp AGENT = simulator().createApp(AppMode.AGENT_CHAT).answer("agent answer");
    private static final SimulatedApp WORKFLOW = simulator().createApp(AppMode.WORKFLOW)
            .answer("flow text")
            .withEveryEventType()
            .emitEvent("text_replace", Map.of("data", Map.of("text", "replaced")))
            .emitEvent("brand_new_event", Map.of("data", Map.of("shiny", true)));
    private static final SimulatedApp CHATFLOW = simulator().createApp(AppMode.ADVANCED_CHAT)
            .answer("flow answer")
            .withEveryEventType();
    private static final SimulatedApp SLOW = simulator().createApp(AppMode.CHAT)
            .answer("one two three four five six seven eight nine ten")
            .pacing(Duration.ofMillis(30));
    // long enough to be still running when a route gives up on it
    private static final SimulatedApp LONG = simulator().createApp(AppMode.CHAT)
            .answer("word ".repeat(200).trim())
            .pacing(Duration.ofMillis(20));

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                for (SimulatedApp app : List.of(CHAT, AGENT, WORKFLOW, CHATFLOW, SLOW)) {
                    String op = app.mode() == AppMode.WORKFLOW ? "workflowRun" : "chat";
                    from("direct:" + app.mode() + (app == SLOW ? "-slow" : ""))
                            .to("dify:" + op + "?delivery=events&user=eve&apiKey=" + app.apiKey())
                            .split(body())
                            .streaming()
                            .process(collectEvent())
                            .end();
                }
                from("direct:firstTwo")
                        .to("dify:chat?delivery=events&user=eve&apiKey=" + LONG.apiKey())
                        .split(body())
                        .streaming()
                        .stopOnException()
                        .process(e -> {
                            events.add(e.getMessage().getBody(DifyStreamEvent.class));
                            if (events.size() == 2) {
                                throw new IllegalStateException("enough");
                            }
                        })
                        .end();
                from("direct:ignore")
                        .to("dify:chat?delivery=events&user=eve&apiKey=" + LONG.apiKey())
                        .setBody(constant("not reading the events"));
            }
        };
    }

    private List<String> names() {
        return events.stream().map(DifyStreamEvent::getEvent).toList();
    }

    @Test
    void aChatStreamDeliversEveryEventTyped() {
        Exchange exchange = send("direct:CHAT", "hi");

        assertThat(exchange.getException()).isNull();
        assertThat(names()).contains("message_file", "tts_message", "message_replace", "message_end",
                "tts_message_end");
        assertThat(names().get(names().size() - 1)).isEqualTo("tts_message_end");
        List<MessageFileEvent> files = events.stream()
                .filter(MessageFileEvent.class::isInstance)
                .map(MessageFileEvent.class::cast)
                .toList();
        assertThat(files.get(0).isTextDelta()).isFalse();
        assertThat(files.get(0).getUrl()).contains("/files/tools/");
        assertThat(files.subList(1, files.size())).allMatch(MessageFileEvent::isTextDelta);
        assertThat(files.subList(1, files.size())
                .stream()
                .map(MessageFileEvent::getAnswer)
                .collect(Collectors.joining())).isEqualTo("Hello there friend");
        assertThat(events).filteredOn(MessageReplaceEvent.class::isInstance)
                .singleElement()
                .extracting(e -> ((MessageReplaceEvent) e).getAnswer())
                .isEqualTo("Hello there, friend.");
        MessageEndEvent end = (MessageEndEvent) events.stream()
                .filter(MessageEndEvent.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(end.getMetadata().usage().totalTokens()).isPositive();
        assertThat(end.getConversationId()).isNotBlank();
        assertThat(events).filteredOn(TtsMessageEvent.class::isInstance)
                .allMatch(e -> !((TtsMessageEvent) e).getAudio().isEmpty());
        assertThat(events).allMatch(e -> e.getTaskId() != null && e.getRawJson().startsWith("{"));
    }

    @Test
    void anAgentStreamDeliversThoughtsAndAgentMessages() {
        send("direct:AGENT_CHAT", "hi");

        assertThat(names()).startsWith("agent_thought").endsWith("agent_thought", "message_end");
        assertThat(events).filteredOn(AgentMessageEvent.class::isInstance)
                .extracting(e -> ((AgentMessageEvent) e).getAnswer())
                .containsExactly("agent", " answer");
        AgentThoughtEvent last = (AgentThoughtEvent) events.get(events.size() - 2);
        assertThat(last.getThought()).isEqualTo("agent answer");
        assertThat(last.getPosition()).isEqualTo(1);
        assertThat(last.getToolLabels()).isEmpty();
    }

    @Test
    void aWorkflowStreamDeliversEveryWorkflowEventTypedAndPassesUnknownOnesThrough() {
        Exchange exchange = send("direct:WORKFLOW", Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(names()).contains("workflow_started", "node_started", "node_finished", "node_retry",
                "iteration_started", "iteration_next", "iteration_completed", "loop_started", "loop_next",
                "loop_completed", "agent_log", "reasoning_chunk", "text_chunk", "tts_message", "tts_message_end",
                "text_replace", "brand_new_event");
        assertThat(names().get(names().size() - 1)).isEqualTo("workflow_finished");
        assertThat(events.get(0)).isInstanceOf(WorkflowStartedEvent.class);
        assertThat(((WorkflowStartedEvent) events.get(0)).getData().reason()).isEqualTo("initial");
        assertThat(events).filteredOn(IterationNextEvent.class::isInstance)
                .extracting(e -> ((IterationNextEvent) e).getData().index())
                .containsExactly(0, 1);
        assertThat(events).filteredOn(LoopNextEvent.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(NodeRetryEvent.class::isInstance)
                .singleElement()
                .extracting(e -> ((NodeRetryEvent) e).getData().retryIndex())
                .isEqualTo(1);
        assertThat(events).filteredOn(AgentLogEvent.class::isInstance)
                .singleElement()
                .extracting(e -> ((AgentLogEvent) e).getData().label())
                .isEqualTo("ROUND 1");
        assertThat(events).filteredOn(ReasoningChunkEvent.class::isInstance)
                .extracting(e -> ((ReasoningChunkEvent) e).getData().isFinal())
                .containsExactly(false, false, true);
        assertThat(events).filteredOn(TextChunkEvent.class::isInstance)
                .extracting(e -> ((TextChunkEvent) e).getData().text())
                .containsExactly("flow", " text");
        assertThat(events).filteredOn(TextReplaceEvent.class::isInstance)
                .singleElement()
                .extracting(e -> ((TextReplaceEvent) e).getData().text())
                .isEqualTo("replaced");
        UnknownEvent unknown = (UnknownEvent) events.stream()
                .filter(UnknownEvent.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(unknown.getEvent()).isEqualTo("brand_new_event");
        assertThat(unknown.getAdditionalProperties()).containsEntry("data", Map.of("shiny", true));
        assertThat(unknown.getRawJson()).contains("\"shiny\":true");
        assertThat(unknown.getWorkflowRunId()).isNotBlank();
        NodeFinishedEvent llm = events.stream()
                .filter(NodeFinishedEvent.class::isInstance)
                .map(NodeFinishedEvent.class::cast)
                .filter(e -> "llm".equals(e.getData().nodeId()))
                .findFirst()
                .orElseThrow();
        assertThat(llm.getData().status()).isEqualTo("succeeded");
        assertThat(llm.getData().outputs()).containsEntry("text", "flow text");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.getData().status()).isEqualTo("succeeded");
        assertThat(finished.getData().outputs()).containsEntry("text", "flow text");
    }

    @Test
    void aChatflowStreamCarriesTheChatEnvelopeOnWorkflowEvents() {
        send("direct:ADVANCED_CHAT", "hi");

        assertThat(names()).contains("workflow_started", "iteration_completed", "loop_completed", "message",
                "message_end").endsWith("workflow_finished");
        assertThat(events).filteredOn(e -> e.getEvent().startsWith("node_"))
                .allMatch(e -> e.getConversationId() != null && e.getWorkflowRunId() != null);
        assertThat(events).filteredOn(MessageEvent.class::isInstance)
                .extracting(e -> ((MessageEvent) e).getFromVariableSelector())
                .allMatch(s -> s.equals(List.of("llm",
                        "text")));
    }

    @Test
    void anErrorEventIsDeliveredAndThenFailsTheExchange() {
        AGENT.failNext(new Fault.ErrorEvent(2, 400, "completion_request_error", "model overloaded"));

        Exchange exchange = send("direct:AGENT_CHAT", "hi");

        assertThat(events.get(events.size() - 1)).isInstanceOf(ErrorEvent.class);
        assertThat(((ErrorEvent) events.get(events.size() - 1)).getCode()).isEqualTo("completion_request_error");
        DifyException error = exchange.getException(DifyException.class);
        assertThat(error).isNotNull();
        assertThat(error.getCode()).isEqualTo("completion_request_error");
    }

    @Test
    void aStreamThatEndsBeforeItsTerminalEventFailsAfterItsEvents() {
        AGENT.failNext(new Fault.EndStreamEarly(2));

        Exchange exchange = send("direct:AGENT_CHAT", "hi");

        assertThat(events).hasSize(2);
        assertThat(exchange.getException(DifyException.class).getCode()).isEqualTo(DifyException.STREAM_INCOMPLETE);
    }

    @Test
    void stoppingTheSplitEarlyClosesTheStreamAndStopsTheTaskOnDify() {
        Exchange exchange = send("direct:firstTwo", "count to ten");

        assertThat(exchange.getException()).hasStackTraceContaining("enough");
        String taskId = events.get(0).getTaskId();
        RecordedRequest stop = await().atMost(Duration.ofSeconds(10))
                .until(() -> simulator().requests("POST", "/chat-messages/" + taskId + "/stop"), r -> !r.isEmpty())
                .get(0);
        assertThat(stop.jsonText("user")).isEqualTo("eve");
    }

    @Test
    void anExchangeThatNeverReadsTheEventsStillReleasesThemAndStopsTheTask() {
        int before = stopRequests().size();

        Exchange exchange = send("direct:ignore", "count to ten");

        assertThat(exchange.getException()).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> stopRequests().size() > before);
    }

    @Test
    void aStreamReadToTheEndIsNotStopped() {
        int before = stopRequests().size();

        send("direct:CHAT-slow", "count");

        assertThat(names()).endsWith("message_end");
        assertThat(stopRequests()).hasSize(before);
    }

    @Test
    void twoConcurrentStreamsNeverMixTheirEvents() throws Exception {
        List<List<DifyStreamEvent>> perExchange = new ArrayList<>();
        var first = template.asyncSend("direct:CHAT-slow", e -> e.getMessage().setBody("a"));
        var second = template.asyncSend("direct:CHAT-slow", e -> e.getMessage().setBody("b"));
        first.get();
        second.get();

        Map<String, List<DifyStreamEvent>> byTask = events.stream()
                .collect(Collectors.groupingBy(DifyStreamEvent::getTaskId));
        perExchange.addAll(byTask.values());
        assertThat(perExchange).hasSize(2);
        for (List<DifyStreamEvent> stream : perExchange) {
            assertThat(stream.stream().map(DifyStreamEvent::getConversationId).collect(Collectors.toSet()))
                    .hasSize(1);
            assertThat(stream.stream()
                    .filter(MessageEvent.class::isInstance)
                    .map(e -> ((MessageEvent) e).getAnswer())
                    .collect(Collectors.joining()))
                    .isEqualTo("one two three four five six seven eight nine ten");
            assertThat(stream.get(stream.size() - 1).getEvent()).isEqualTo("message_end");
        }
        assertThat(Set.copyOf(byTask.keySet())).hasSize(2);
    }

    @Test
    void theStreamingGuidesSimpleExpressionsReadTheTypedEvents() {
        send("direct:WORKFLOW", Map.of());
        DifyStreamEvent node = events.stream().filter(NodeFinishedEvent.class::isInstance).findFirst().orElseThrow();
        events.clear();
        send("direct:CHAT", "hi");
        DifyStreamEvent end = events.stream().filter(MessageEndEvent.class::isInstance).findFirst().orElseThrow();

        Exchange nodeExchange = new org.apache.camel.support.DefaultExchange(context);
        nodeExchange.getMessage().setBody(node);
        assertThat(context.resolveLanguage("simple")
                .createPredicate("${body.event} == 'node_finished'")
                .matches(nodeExchange)).isTrue();
        assertThat(evaluate("${body.data.title}", node, String.class)).isEqualTo("Start");
        assertThat(evaluate("${body.data.status}", node, String.class)).isEqualTo("succeeded");
        assertThat(evaluate("${body.metadata.usage.totalTokens}", end, Integer.class)).isPositive();
        assertThat(evaluate("${body.conversationId}", end, String.class)).isEqualTo(end.getConversationId());
    }

    private <T> T evaluate(String expression, Object body, Class<T> type) {
        Exchange exchange = new org.apache.camel.support.DefaultExchange(context);
        exchange.getMessage().setBody(body);
        return context.resolveLanguage("simple").createExpression(expression).evaluate(exchange, type);
    }

    private static List<RecordedRequest> stopRequests() {
        return simulator().requests().stream().filter(r -> r.path().endsWith("/stop")).toList();
    }
}
