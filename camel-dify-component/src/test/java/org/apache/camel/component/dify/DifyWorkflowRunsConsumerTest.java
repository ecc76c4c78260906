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

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code from("dify:workflowRuns")}: every finished run of a Workflow app once, from its logs, including the runs
 * Dify's own triggers started (a schedule, a webhook), which no Service API call shows; with an idempotent
 * repository, none twice and none missed across a restart.
 */
class DifyWorkflowRunsConsumerTest extends DifyTestSupport {

    private static final SimulatedApp FLOW = simulator().createApp(AppMode.WORKFLOW).answer("Nightly report ready.");
    private static final SimulatedApp AUDITED = simulator().createApp(AppMode.WORKFLOW)
            .answer("Audited.")
            .workflowOutputs(p -> Map.of("checked", String.valueOf(p.inputs().get("batch"))));
    private final MemoryIdempotentRepository seen = new MemoryIdempotentRepository();

    private static final SimulatedApp BUSY = simulator().createApp(AppMode.WORKFLOW).answer("Batch item done.");
    private static final SimulatedApp NIGHTLY = simulator().createApp(AppMode.WORKFLOW).answer("Nightly digest.");
    private static final SimulatedApp COUNTED = simulator().createApp(AppMode.WORKFLOW).answer("Counted.");
    private final RecordingPollStrategy countingStrategy = new RecordingPollStrategy();
    private final RecordingPollStrategy failingStrategy = new RecordingPollStrategy();

    /** What Camel's scheduled poll machinery (backoff, poll strategy) sees of each poll. */
    static final class RecordingPollStrategy implements PollingConsumerPollStrategy {

        final AtomicInteger polled = new AtomicInteger();
        final List<Exception> failures = new CopyOnWriteArrayList<>();

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            polled.addAndGet(polledMessages);
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            failures.add(cause);
            return false;
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getRegistry().bind("seen", seen);
        camel.getRegistry().bind("countingStrategy", countingStrategy);
        camel.getRegistry().bind("failingStrategy", failingStrategy);
        camel.getComponent("dify", DifyComponent.class).getConfiguration().setPollInterval(100L);
        Files.deleteIfExists(Path.of("target/processed-runs.dat"));
        CamelContext context = camel;
        // docs/features/workflow-runs.md
        context.getRegistry()
                .bind("processedRuns",
                        FileIdempotentRepository.fileIdempotentRepository(new File("target/processed-runs.dat")));
        return camel;
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.nightlyFlow.apiKey", NIGHTLY.apiKey());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:workflowRuns?delay=100&triggeredFrom=schedule,webhook&apiKey=" + FLOW.apiKey())
                        .routeId("triggered")
                        .to("mock:triggered");
                from("dify:workflowRuns?delay=100&idempotentRepository=#seen&fetchRunDetail=true&apiKey="
                        + AUDITED.apiKey())
                        .routeId("audit")
                        .to("mock:audit");
                from("direct:run").to("dify:workflowRun?user=api&apiKey=" + FLOW.apiKey());

                // docs/features/workflow-runs.md
                from("dify:workflowRuns?triggeredFrom=schedule,webhook&runStatus=failed&fetchRunDetail=true"
                        + "&idempotentRepository=#processedRuns&apiKey={{dify.nightlyFlow.apiKey}}")
                        .log("${header.CamelDifyTriggeredFrom} run ${header.CamelDifyWorkflowRunId} failed: ${body[error]}")
                        .to("direct:alerts");
                from("direct:alerts").to("mock:alerts");
                // the deprecated pollInterval still sets the delay
                from("dify:workflowRuns?pollInterval=100&apiKey=" + BUSY.apiKey()).routeId("busy").to("mock:busy");
                from("dify:workflowRuns?delay=20&pollStrategy=#countingStrategy&apiKey=" + COUNTED.apiKey())
                        .routeId("counted")
                        .to("mock:counted");
                from("dify:workflowRuns?delay=20&pollStrategy=#failingStrategy&apiKey=app-not-a-key")
                        .routeId("refused")
                        .to("mock:refused");
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePagesRouteAlertsOnFailedTriggeredRunsOnly() throws Exception {
        MockEndpoint alerts = getMockEndpoint("mock:alerts");
        alerts.expectedMessageCount(1);
        alerts.expectedHeaderReceived(DifyConstants.TRIGGERED_FROM, "schedule");

        NIGHTLY.runTriggeredBy("schedule", Map.of("day", "monday"));
        NIGHTLY.failNextTriggeredRun("Model quota exceeded");
        String failed = NIGHTLY.runTriggeredBy("schedule", Map.of("day", "tuesday"));

        alerts.assertIsSatisfied();
        Exchange alert = alerts.getExchanges().get(0);
        assertThat(alert.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).isEqualTo(failed);
        assertThat(alert.getMessage().getBody(Map.class)).containsEntry("error", "Model quota exceeded");
        // remembered once the exchange completed
        await().until(() -> Files.readString(Path.of("target/processed-runs.dat")).contains(failed));
        int polls = logReads(NIGHTLY);
        await().until(() -> logReads(NIGHTLY) >= polls + 2);
        assertThat(alerts.getReceivedCounter()).as("the succeeded run is no alert").isEqualTo(1);
    }

    @Test
    void runsOverSeveralLogPagesArriveOnceEach() throws Exception {
        MockEndpoint busy = getMockEndpoint("mock:busy");
        busy.expectedMessageCount(240);
        java.util.Set<String> started = new java.util.HashSet<>();
        for (int i = 0; i < 240; i++) {
            started.add(BUSY.runTriggeredBy("schedule", Map.of("item", i)));
        }

        busy.assertIsSatisfied();
        assertThat(busy.getExchanges()).extracting(e -> e.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(started);
    }

    @Test
    void itIsAScheduledPollConsumerWhosePollsReportTheRunsTheyDelivered() throws Exception {
        assertThat(context.getRoute("counted").getConsumer()).isInstanceOf(ScheduledPollConsumer.class);
        assertThat(((ScheduledPollConsumer) context.getRoute("counted").getConsumer()).getDelay()).isEqualTo(20);
        assertThat(((ScheduledPollConsumer) context.getRoute("busy").getConsumer()).getDelay())
                .as("pollInterval, deprecated, sets the delay")
                .isEqualTo(100);
        MockEndpoint counted = getMockEndpoint("mock:counted");
        counted.expectedMessageCount(3);
        for (int i = 0; i < 3; i++) {
            COUNTED.runTriggeredBy("schedule", Map.of("item", i));
        }

        counted.assertIsSatisfied();
        // the next poll reports what the finished read delivered: what backoffIdleThreshold counts
        await().until(() -> countingStrategy.polled.get() == 3);
        assertThat(countingStrategy.failures).isEmpty();
    }

    @Test
    void aFailedReadReachesThePollStrategyAsADifyException() {
        // what backoffErrorThreshold counts and a custom pollStrategy (or bridgeErrorHandler) handles
        await().until(() -> !failingStrategy.failures.isEmpty());
        assertThat(failingStrategy.failures.get(0)).isInstanceOf(DifyException.class)
                .hasMessageNotContaining("app-not-a-key");
        assertThat(((DifyException) failingStrategy.failures.get(0)).getHttpStatus()).isEqualTo(401);
        assertThat(getMockEndpoint("mock:refused").getReceivedCounter()).isZero();
    }

    @Test
    void thePagePrintsTheseRoutes() {
        DocPage.assertSnippetsRunBy("features/workflow-runs.md", DifyWorkflowRunsConsumerTest.class, 2);
    }

    @Test
    void runsStartedByDifysTriggersArriveOnceAndServiceApiRunsAreFilteredOut() throws Exception {
        MockEndpoint triggered = getMockEndpoint("mock:triggered");
        triggered.expectedMessageCount(2);

        send("direct:run", Map.of("topic", "from the API"));
        String scheduled = FLOW.runTriggeredBy("schedule", Map.of("topic", "nightly"));
        HttpResponse<String> hook = HttpClient.newHttpClient()
                .send(HttpRequest
                        .newBuilder(URI.create(simulator().baseUrl().replace("/v1", "") + "/triggers/webhook/"
                                + FLOW.webhookTrigger()))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"topic\":\"pushed\"}"))
                        .header("Content-Type", "application/json")
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(hook.statusCode()).isEqualTo(200);

        triggered.assertIsSatisfied();
        assertThat(triggered.getExchanges())
                .extracting(e -> e.getMessage().getHeader(DifyConstants.TRIGGERED_FROM))
                .containsExactlyInAnyOrder("schedule", "webhook");
        assertThat(triggered.getExchanges())
                .extracting(e -> e.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS))
                .containsOnly("succeeded");
        assertThat(triggered.getExchanges())
                .extracting(e -> e.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID))
                .contains(scheduled);
        // more polls read the same runs again: none is delivered twice
        int polls = logReads(FLOW);
        await().until(() -> logReads(FLOW) >= polls + 3);
        assertThat(triggered.getReceivedCounter()).isEqualTo(2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withARepositoryARestartedConsumerDeliversWhatFinishedMeanwhileAndNothingTwice() throws Exception {
        MockEndpoint audit = getMockEndpoint("mock:audit");
        AUDITED.runTriggeredBy("schedule", Map.of("batch", "1"));
        await().until(() -> audit.getReceivedCounter() == 1);
        assertThat(audit.getExchanges().get(0).getMessage().getBody(Map.class))
                .containsEntry("outputs", Map.of("checked", "1"));

        context.getRouteController().stopRoute("audit");
        String whileDown = AUDITED.runTriggeredBy("schedule", Map.of("batch", "2"));
        await().until(() -> "succeeded".equals(statusOf(whileDown)));
        context.getRouteController().startRoute("audit");

        await().until(() -> audit.getReceivedCounter() == 2);
        Exchange second = audit.getExchanges().get(1);
        assertThat(second.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID)).isEqualTo(whileDown);
        int polls = logReads(AUDITED);
        await().until(() -> logReads(AUDITED) >= polls + 3);
        assertThat(audit.getReceivedCounter()).isEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    private String statusOf(String runId) {
        return (String) template.requestBodyAndHeader("dify:getWorkflowRun?apiKey=" + AUDITED.apiKey(), null,
                DifyConstants.WORKFLOW_RUN_ID, runId, Map.class).get("status");
    }

    private static int logReads(SimulatedApp app) {
        return (int) simulator().requests("GET", "/workflows/logs")
                .stream()
                .filter(r -> String.valueOf(r.header("Authorization")).contains(app.apiKey()))
                .count();
    }
}
