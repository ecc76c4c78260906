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
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.api.event.HumanInputFormFilledEvent;
import org.apache.camel.component.dify.api.event.HumanInputFormTimeoutEvent;
import org.apache.camel.component.dify.api.event.HumanInputRequiredEvent;
import org.apache.camel.component.dify.api.event.WorkflowFinishedEvent;
import org.apache.camel.component.dify.api.event.WorkflowStartedEvent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.HumanInputForm;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Human Input pauses completed from a route, following a run that is already going, and stopping tasks. */
class DifyHumanInputAndResumeTest extends DifyTestSupport {

    private static final SimulatedApp REVIEWED = simulator().createApp(AppMode.WORKFLOW)
            .answer("draft summary")
            .workflowOutputs(p -> Map.of("summary", "approved summary"))
            .pauseForHumanInput(HumanInputForm.review("Approve the summary?"));
    private static final SimulatedApp EXPIRING = simulator().createApp(AppMode.WORKFLOW)
            .answer("draft")
            .pauseForHumanInput(new HumanInputForm("Review", "Approve?", List.of("comment"), List.of("approve"),
                    Duration.ofMillis(300)));
    private static final SimulatedApp SLOW_FLOW = simulator().createApp(AppMode.WORKFLOW)
            .answer("alpha beta gamma delta epsilon zeta eta theta")
            .pacing(Duration.ofMillis(40));
    private static final SimulatedApp SLOW_CHAT = simulator().createApp(AppMode.CHAT)
            .answer("word ".repeat(100).trim())
            .pacing(Duration.ofMillis(20));

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String reviewed = "&user=rita&apiKey=" + REVIEWED.apiKey();
                // run until the pause, keeping the events
                from("direct:run").to("dify:workflowRun?delivery=events" + reviewed)
                        .split(body())
                        .streaming()
                        .process(collectEvent())
                        .end();
                from("direct:form").to("dify:getHumanInputForm?" + reviewed.substring(1));
                // follow the run, submit the form, then read the resumed events
                from("direct:approve")
                        .to("dify:workflowEvents?delivery=events" + reviewed)
                        .setProperty("events", body())
                        .setBody(constant(Map.of("action", "approve", "inputs", Map.of("comment", "looks good"))))
                        .to("dify:submitHumanInputForm?" + reviewed.substring(1))
                        .setBody(exchangeProperty("events"))
                        .split(body())
                        .streaming()
                        .process(collectEvent())
                        .end();
                from("direct:expiring").to("dify:workflowRun?delivery=events&user=rita&apiKey=" + EXPIRING.apiKey())
                        .split(body())
                        .streaming()
                        .process(collectEvent())
                        .end();
                from("direct:followExpiring")
                        .to("dify:workflowEvents?delivery=events&user=rita&apiKey=" + EXPIRING.apiKey())
                        .split(body())
                        .streaming()
                        .process(collectEvent())
                        .end();
                from("direct:outcome").to("dify:workflowEvents?" + reviewed.substring(1));
                String slow = "user=sam&apiKey=" + SLOW_FLOW.apiKey();
                from("direct:slowRun").to("dify:workflowRun?" + slow);
                from("direct:resume").to("dify:workflowEvents?includeStateSnapshot=true&" + slow);
                from("direct:chatEvents").to("dify:chat?delivery=events&user=sam&apiKey=" + SLOW_CHAT.apiKey())
                        .split(body())
                        .streaming()
                        .process(e -> {
                            DifyStreamEvent event = e.getMessage().getBody(DifyStreamEvent.class);
                            events.add(event);
                            if (events.size() == 1) {
                                template.send("direct:stop", x -> x.getMessage()
                                        .setHeader(DifyConstants.TASK_ID, event.getTaskId()));
                            }
                        })
                        .end();
                from("direct:stop").to("dify:stop?taskType=chat&user=sam&apiKey=" + SLOW_CHAT.apiKey());
            }
        };
    }

    @Test
    void aPausedRunIsCompletedFromARouteAndItsResumedEventsArrive() {
        send("direct:run", Map.of());

        assertThat(events.get(events.size() - 1).getEvent()).isEqualTo("workflow_paused");
        HumanInputRequiredEvent required = (HumanInputRequiredEvent) events.stream()
                .filter(HumanInputRequiredEvent.class::isInstance)
                .findFirst()
                .orElseThrow();
        String token = required.getData().formToken();
        String runId = required.getWorkflowRunId();
        assertThat(required.getData().actions()).extracting(a -> a.get("id")).containsExactly("approve", "reject");

        Exchange form = send("direct:form", null, DifyConstants.FORM_TOKEN, token);
        assertThat(form.getMessage().getBody(Map.class)).containsEntry("form_content", "Approve the summary?")
                .containsKey("user_actions");

        events.clear();
        Exchange approved = send("direct:approve", null, DifyConstants.WORKFLOW_RUN_ID, runId,
                DifyConstants.FORM_TOKEN, token);

        assertThat(approved.getException()).isNull();
        assertThat(events.get(0)).isInstanceOf(WorkflowStartedEvent.class);
        assertThat(((WorkflowStartedEvent) events.get(0)).getData().reason()).isEqualTo("resumption");
        HumanInputFormFilledEvent filled = (HumanInputFormFilledEvent) events.get(1);
        assertThat(filled.getData().actionId()).isEqualTo("approve");
        assertThat(filled.getData().submittedData()).containsEntry("comment", "looks good");
        WorkflowFinishedEvent finished = (WorkflowFinishedEvent) events.get(events.size() - 1);
        assertThat(finished.getData().status()).isEqualTo("succeeded");
        assertThat(simulator().requests("POST", "/form/human_input/" + token).get(0).jsonText("user"))
                .isEqualTo("rita");

        // a finished run answers with its workflow_finished event alone (written with Python's spacing)
        Exchange outcome = send("direct:outcome", null, DifyConstants.WORKFLOW_RUN_ID, runId);
        assertThat(outcome.getMessage().getBody(Map.class)).containsEntry("summary", "approved summary");
        assertThat(outcome.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
    }

    @Test
    void anExpiredFormTimesOutAndTheRunGoesOn() {
        send("direct:expiring", Map.of());
        String runId = events.get(0).getWorkflowRunId();
        assertThat(events.get(events.size() - 1).getEvent()).isEqualTo("workflow_paused");
        events.clear();

        send("direct:followExpiring", null, DifyConstants.WORKFLOW_RUN_ID, runId);

        HumanInputFormTimeoutEvent timeout = (HumanInputFormTimeoutEvent) events.stream()
                .filter(HumanInputFormTimeoutEvent.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(timeout.getData().nodeTitle()).isEqualTo("Review");
        assertThat(events.get(events.size() - 1).getEvent()).isEqualTo("workflow_finished");
    }

    @Test
    void aFormCannotBeSubmittedTwice() {
        send("direct:run", Map.of());
        HumanInputRequiredEvent required = (HumanInputRequiredEvent) events.stream()
                .filter(HumanInputRequiredEvent.class::isInstance)
                .findFirst()
                .orElseThrow();
        Map<String, Object> approval = Map.of("action", "approve", "inputs", Map.of("comment", "ok"));
        Exchange first = template.send("dify:submitHumanInputForm?user=rita&apiKey=" + REVIEWED.apiKey(),
                e -> {
                    e.getMessage().setBody(approval);
                    e.getMessage().setHeader(DifyConstants.FORM_TOKEN, required.getData().formToken());
                });
        Exchange second = template.send("dify:submitHumanInputForm?user=rita&apiKey=" + REVIEWED.apiKey(),
                e -> {
                    e.getMessage().setBody(approval);
                    e.getMessage().setHeader(DifyConstants.FORM_TOKEN, required.getData().formToken());
                });

        assertThat(first.getException()).isNull();
        DifyException error = second.getException(DifyException.class);
        assertThat(error.getHttpStatus()).isEqualTo(412);
        assertThat(error.getCode()).isEqualTo("human_input_form_submitted");
    }

    @Test
    void aRunWhoseConnectionDroppedIsFollowedToItsOutcome() {
        SLOW_FLOW.failNext(new Fault.DropConnection(3));

        DifyException dropped = send("direct:slowRun", Map.of()).getException(DifyException.class);
        assertThat(dropped.getCode()).isEqualTo(DifyException.STREAM_INCOMPLETE);
        String runId = dropped.getProgress().workflowRunId();
        assertThat(runId).isNotBlank();

        Exchange resumed = send("direct:resume", null, DifyConstants.WORKFLOW_RUN_ID, runId);

        assertThat(resumed.getException()).isNull();
        assertThat(resumed.getMessage().getBody(Map.class))
                .containsEntry("text", "alpha beta gamma delta epsilon zeta eta theta");
        assertThat(resumed.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
        assertThat(simulator().requests("GET", "/workflow/" + runId + "/events").get(0).query())
                .contains("user=sam")
                .contains("include_state_snapshot=true");
    }

    @Test
    void theStopOperationEndsARunningChatEarly() {
        send("direct:chatEvents", "count to a hundred");

        String taskId = events.get(0).getTaskId();
        assertThat(simulator().requests("POST", "/chat-messages/" + taskId + "/stop")).singleElement()
                .satisfies(r -> assertThat(r.jsonText("user")).isEqualTo("sam"));
        assertThat(events.get(events.size() - 1).getEvent()).isEqualTo("message_end");
        assertThat(events.stream().filter(e -> "message".equals(e.getEvent())).count()).isLessThan(100);
    }

    @Test
    void aFollowOfAnotherUsersRunIsNotFound() {
        send("direct:run", Map.of());
        String runId = events.get(0).getWorkflowRunId();

        DifyException error = template.send("dify:workflowEvents?user=mallory&apiKey=" + REVIEWED.apiKey(),
                e -> e.getMessage().setHeader(DifyConstants.WORKFLOW_RUN_ID, runId)).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(5)).until(() -> simulator().runStatus(runId).isPresent());
    }
}
