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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyErrorCategory;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dify's known stream and API defects, each replayed from a transcript of what such a server sends
 * (src/test/resources/transcripts) or scripted as its answers: a Chatflow stream without workflow_started
 * (langgenius/dify #40948), an Answer node inside an iteration that sends no message deltas (#38867), a stop answered
 * with success while the run goes on (#37755, #40966), a webhook trigger not registered yet (#42386), and a workflow
 * version the plan may not run (403 workflow_version_execution_not_allowed).
 */
class DifyKnownDefectsTest extends DifyTestSupport {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final ScriptedServer DIFY = ScriptedServer.start((request, connection) -> {
        String target = request.target();
        int call = CALLS.computeIfAbsent(target.replaceAll("\\?.*", ""), t -> new AtomicInteger()).incrementAndGet();
        if (target.contains("/chat-messages") && request.method().equals("POST")) {
            String transcript = request.bodyText().contains("iteration") ? "answer-inside-iteration"
                    : request.bodyText().contains("pinned") ? null : "chatflow-without-workflow-started";
            if (transcript == null) {
                connection.json(403, "{\"code\":\"workflow_version_execution_not_allowed\",\"message\":\"Workflow"
                        + " version execution is not available on your current plan. Please upgrade to a paid"
                        + " plan.\",\"status\":403}");
                return;
            }
            connection.startEventStream();
            for (String frame : transcript(transcript)) {
                connection.chunk(frame + "\n\n");
            }
            connection.endStream();
        } else if (target.contains("/workflows/tasks/") && target.endsWith("/stop")) {
            connection.json(200, "{\"result\":\"success\"}");
        } else if (target.contains("/workflows/run/run-goes-on")) {
            connection.json(200, "{\"id\":\"run-goes-on\",\"status\":\"running\"}");
        } else if (target.contains("/workflows/run/run-stops")) {
            connection.json(200, "{\"id\":\"run-stops\",\"status\":\"" + (call < 3 ? "running" : "stopped") + "\"}");
        } else if (target.contains("/triggers/webhook/just-published")) {
            if (call <= 2) {
                connection.json(404, "{\"code\":\"not_found\",\"message\":\"App trigger not found\",\"status\":404}");
            } else {
                connection.json(200, "{\"status\":\"success\",\"message\":\"Webhook processed successfully\"}");
            }
        } else if (target.contains("/triggers/webhook/never-published")) {
            connection.json(404, "{\"code\":\"not_found\",\"message\":\"App trigger not found\",\"status\":404}");
        } else {
            connection.json(404, "{\"code\":\"not_found\",\"message\":\"not scripted\",\"status\":404}");
        }
    });

    private final List<Object> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    static void stopDify() {
        DIFY.close();
    }

    @BeforeEach
    void reset() {
        CALLS.clear();
        events.clear();
    }

    private static List<String> transcript(String name) throws IOException {
        try (InputStream in = DifyKnownDefectsTest.class.getResourceAsStream("/transcripts/" + name + ".sse")) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n\n"));
        }
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String dify = "user=u&apiKey=app-defects&retryBackoff=10&retryMaxDelay=40&baseUrl=" + DIFY.baseUrl();
                from("direct:chat").to("dify:chat?fullResponse=true&" + dify);
                from("direct:chatEvents").to("dify:chat?delivery=events&" + dify)
                        .split(body())
                        .streaming()
                        .process(e -> events.add(e.getMessage().getBody(DifyStreamEvent.class).getEvent()));
                from("direct:stop").to("dify:stop?taskType=workflow&verifyStop=true&stopVerifyTimeout=2000&" + dify);
                from("direct:webhook").to("dify:triggerWebhook?" + dify);
            }
        };
    }

    @Test
    void aChatflowWhoseWorkflowStartedWasDroppedIsStillAChatflowToItsEnd() {
        Exchange answered = send("direct:chat", "Where is my refund?");

        MessageResult result = answered.getMessage().getBody(MessageResult.class);
        assertThat(result.mode()).isEqualTo("advanced-chat");
        assertThat(result.answer()).isEqualTo("Your refund is on its way.");
        assertThat(answered.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
        assertThat(answered.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).isEqualTo("r-40948");

        send("direct:chatEvents", "Where is my refund?");
        assertThat(events).as("the stream goes on past message_end to workflow_finished")
                .last()
                .isEqualTo("workflow_finished");
    }

    @Test
    void anAnswerWithNoDeltasFallsBackToTheRunsOutputs() {
        Exchange answered = send("direct:chat", "check each item in the iteration");

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(MessageResult.class).answer()).isEqualTo("Three items checked.");
    }

    @Test
    void aStopAfterWhichTheRunGoesOnFailsTheExchangeNamingTheRun() {
        Exchange stopped = send("direct:stop", null, DifyConstants.TASK_ID, "task-1",
                DifyConstants.WORKFLOW_RUN_ID, "run-goes-on");

        assertThat(stopped.getException()).isInstanceOf(DifyException.class)
                .hasMessageContaining("run-goes-on")
                .hasMessageContaining("running");
        assertThat(((DifyException) stopped.getException()).getCode()).isEqualTo("stop_not_effective");
    }

    @Test
    void aStopThatStopsReportsTheRunsTerminalStatus() {
        Exchange stopped = send("direct:stop", null, DifyConstants.TASK_ID, "task-2",
                DifyConstants.WORKFLOW_RUN_ID, "run-stops");

        assertThat(stopped.getException()).isNull();
        assertThat(stopped.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("stopped");
        assertThat(CALLS.get("/v1/workflows/run/run-stops").get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void verifyStopWithoutARunIdIsRefusedBeforeAnyCall() {
        Exchange stopped = send("direct:stop", null, DifyConstants.TASK_ID, "task-3");

        assertThat(stopped.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DifyConstants.WORKFLOW_RUN_ID);
        assertThat(CALLS).isEmpty();
    }

    @Test
    void aWebhookTriggerNotRegisteredYetIsCalledAgain() {
        Exchange triggered = send("direct:webhook", Map.of("order", 1), DifyConstants.WEBHOOK_URL,
                DIFY.baseUrl().replace("/v1", "") + "/triggers/webhook/just-published");

        assertThat(triggered.getException()).isNull();
        assertThat(CALLS.get("/triggers/webhook/just-published").get()).isEqualTo(3);
    }

    @Test
    void aWebhookTriggerThatNeverAppearsFailsAfterABoundedNumberOfCalls() {
        Exchange triggered = send("direct:webhook", Map.of("order", 2), DifyConstants.WEBHOOK_URL,
                DIFY.baseUrl().replace("/v1", "") + "/triggers/webhook/never-published");

        assertThat(triggered.getException()).isInstanceOf(DifyException.class)
                .hasMessageContaining("App trigger not found");
        assertThat(CALLS.get("/triggers/webhook/never-published").get()).as("the first call and 5 more").isEqualTo(6);
    }

    @Test
    void aWorkflowVersionThePlanMayNotRunIsAPermanentValidationFailure() {
        Exchange refused = send("direct:chat", "pinned version");

        DifyException error = refused.getException(DifyException.class);
        assertThat(error.getCode()).isEqualTo("workflow_version_execution_not_allowed");
        assertThat(error.getCategory()).isEqualTo(DifyErrorCategory.VALIDATION);
        assertThat(error.isRetryable()).isFalse();
        assertThat(CALLS.get("/v1/chat-messages").get()).as("not retried").isEqualTo(1);
    }
}
