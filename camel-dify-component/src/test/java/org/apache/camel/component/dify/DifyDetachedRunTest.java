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
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.WorkflowRunRequest;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Detached runs: the exchange goes on as soon as Dify named the task, the run goes on in Dify, and it is followed later
 * with workflowEvents or getWorkflowRun; the task is never stopped.
 */
class DifyDetachedRunTest extends DifyTestSupport {

    // about two seconds of run: long enough to be still running when the detached exchange is back
    private static final SimulatedApp FLOW = simulator().createApp(AppMode.WORKFLOW)
            .answer("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen")
            .workflowOutputs(p -> Map.of("report", "done for " + p.inputs().get("topic")))
            .pacing(Duration.ofMillis(120));
    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT)
            .answer("a long answer that keeps streaming for a while after the task is known")
            .pacing(Duration.ofMillis(60));

    @Override
    protected Properties placeholders() {
        return properties("dify.reportFlow.apiKey", FLOW.apiKey(), "dify.bot.apiKey", BOT.apiKey());
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() {
        return new RoutesBuilder[]{new RouteBuilder() {

            // the routes of docs/features/detached-runs.md
            @Override
            public void configure() {
                from("seda:reportRequests")
                        .to("dify:workflowRun?delivery=detachedClose&user=reports&apiKey={{dify.reportFlow.apiKey}}") // back at the first event
                        .setBody(header("CamelDifyWorkflowRunId"))
                        .to("seda:runningReports"); // the run id travels on

                from("seda:runningReports")
                        .setHeader("CamelDifyWorkflowRunId", body())
                        .to("dify:workflowEvents?user=reports&apiKey={{dify.reportFlow.apiKey}}") // follows the run: its outputs Map
                        .to("direct:reportDone");

                from("direct:reportStatus")
                        .to("dify:getWorkflowRun?user=reports&apiKey={{dify.reportFlow.apiKey}}")
                        .setBody(simple("${body[status]}")); // running, succeeded, failed, stopped, ...

                from("direct:greet")
                        .to("dify:chat?delivery=detachedDrain&user=greeter&apiKey={{dify.bot.apiKey}}")
                        .log("message ${header.CamelDifyMessageId} is being written in ${header.CamelDifyConversationId}");

                from("direct:reportDone").to("mock:reportDone");
            }
        }, new RouteBuilder() {

            @Override
            public void configure() {
                String flow = "user=ops&apiKey=" + FLOW.apiKey();
                from("direct:start").to("dify:workflowRun?delivery=detachedClose&" + flow);
                from("direct:startDraining").to("dify:workflowRun?delivery=detachedDrain&" + flow);
                from("direct:follow").to("dify:workflowEvents?" + flow);
                from("direct:detail").to("dify:getWorkflowRun?" + flow);
                from("direct:blocking").to("dify:workflowRun?detach=close&responseMode=blocking&" + flow);
                from("direct:events").to("dify:workflowRun?detach=close&streamMode=events&" + flow);
                // the deprecated options give way to delivery
                from("direct:deliveryWins").to("dify:workflowRun?delivery=detachedDrain&responseMode=blocking&"
                        + "streamMode=events&" + flow);
            }
        }};
    }

    @Test
    void thePagesRoutesStartARunAndCollectItsOutputsElsewhere() throws Exception {
        MockEndpoint done = getMockEndpoint("mock:reportDone");
        done.expectedMessageCount(1);

        template.sendBody("seda:reportRequests", Map.of("topic", "billing"));

        done.assertIsSatisfied();
        assertThat(done.getExchanges().get(0).getMessage().getBody(Map.class))
                .isEqualTo(Map.of("report", "done for billing"));
        String runId = done.getExchanges().get(0).getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class);
        assertThat(template.requestBodyAndHeader("direct:reportStatus", null, DifyConstants.WORKFLOW_RUN_ID, runId))
                .isEqualTo("succeeded");
        assertThat(simulator().requests().stream().filter(r -> r.path().endsWith("/stop"))).isEmpty();
    }

    @Test
    void thePagePrintsTheseRoutes() {
        DocPage.assertSnippetsRunBy("features/detached-runs.md", DifyDetachedRunTest.class, 3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDetachedRunReturnsItsIdsAtOnceAndIsFollowedLaterToItsOutputs() {
        Exchange started = send("direct:start", Map.of("topic", "billing"));

        assertThat(started.getException()).isNull();
        Map<String, Object> ids = started.getMessage().getBody(Map.class);
        String runId = (String) ids.get("workflow_run_id");
        assertThat(ids).containsKeys("task_id", "workflow_run_id");
        assertThat(started.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).isEqualTo(runId);
        // back while the run goes on
        assertThat(runStatus(runId)).isEqualTo("running");

        Exchange followed = send("direct:follow", null, DifyConstants.WORKFLOW_RUN_ID, runId);
        assertThat(followed.getMessage().getBody(Map.class)).containsEntry("report", "done for billing");
        assertThat(runStatus(runId)).isEqualTo("succeeded");
        assertThat(simulator().requests().stream().filter(r -> r.path().endsWith("/stop"))).isEmpty();
    }

    @Test
    void aDrainingRunReadsItsStreamToTheEndWithoutStoppingIt() {
        Exchange started = send("direct:startDraining", Map.of("topic", "drained"));
        String runId = started.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class);

        assertThat(runStatus(runId)).isEqualTo("running");
        await().atMost(Duration.ofSeconds(20)).until(() -> "succeeded".equals(runStatus(runId)));
        assertThat(simulator().requests().stream().filter(r -> r.path().endsWith("/stop"))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDetachedChatReturnsTheTaskAndConversation() {
        Exchange started = send("direct:greet", "Tell me at length");

        Map<String, Object> ids = started.getMessage().getBody(Map.class);
        assertThat(ids).containsKeys("task_id", "conversation_id", "message_id");
        assertThat(started.getMessage().getHeader(DifyConstants.CONVERSATION_ID)).isEqualTo(ids.get("conversation_id"));
    }

    @Test
    void deliveryOverridesTheDeprecatedOptionsAndABlockingBodyIsRefusedBeforeAnyCall() {
        Exchange detached = send("direct:deliveryWins", Map.of());
        assertThat(detached.getException()).isNull();
        assertThat(detached.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).isNotNull();

        int runs = simulator().requests("POST", "/workflows/run").size();
        Exchange blockingBody = send("direct:start", new WorkflowRunRequest(Map.of(), "blocking", "ops", null));
        assertThat(blockingBody.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery=detachedClose")
                .hasMessageContaining("response_mode=blocking");
        assertThat(simulator().requests("POST", "/workflows/run")).as("nothing sent").hasSize(runs);
    }

    @Test
    void detachingNeedsAStreamedAggregateCall() {
        assertThat(send("direct:blocking", Map.of()).getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("responseMode=streaming");
        assertThat(send("direct:events", Map.of()).getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamMode=aggregate");
    }

    @SuppressWarnings("unchecked")
    private String runStatus(String runId) {
        return (String) send("direct:detail", null, DifyConstants.WORKFLOW_RUN_ID, runId).getMessage()
                .getBody(Map.class)
                .get("status");
    }
}
