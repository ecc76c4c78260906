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

import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * triggerWebhook: a workflow started through its webhook trigger, with no key, then the run it started found in the
 * workflow logs and read to its outputs.
 */
class DifyTriggerWebhookTest extends DifyTestSupport {

    private static final SimulatedApp FLOW = simulator().createApp(AppMode.WORKFLOW).answer("Order received.");
    private static final SimulatedApp SYNC = simulator().createApp(AppMode.WORKFLOW)
            .answer("Order synced.")
            .workflowOutputs(p -> Map.of("order", String.valueOf(p.inputs().get("order"))));

    private static final SimulatedApp ORDERS = simulator().createApp(AppMode.WORKFLOW)
            .answer("Order synced.")
            .workflowOutputs(p -> Map.of("order", String.valueOf(p.inputs().get("order"))));

    private static String hookOf(SimulatedApp app) {
        return simulator().baseUrl().replace("/v1", "") + "/triggers/webhook/" + app.webhookTrigger();
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.notify.webhookUrl", hookOf(FLOW), "dify.orderSync.webhookUrl", hookOf(ORDERS),
                "dify.orderSync.apiKey",
                ORDERS.apiKey());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // the routes of docs/features/webhook-trigger.md
                from("direct:notifyFlow")
                        .setHeader("CamelDifyWebhookUrl", simple("{{dify.notify.webhookUrl}}")) // the URL is the credential
                        .to("dify:triggerWebhook");

                from("seda:orders")
                        .setHeader("CamelDifyWebhookUrl", simple("{{dify.orderSync.webhookUrl}}"))
                        .to("dify:triggerWebhook?findTriggeredRun=true&apiKey={{dify.orderSync.apiKey}}")
                        .log("order sync run ${header.CamelDifyWorkflowRunId} started")
                        .to("direct:syncStarted");

                from("direct:syncResult")
                        .to("dify:getWorkflowRun?apiKey={{dify.orderSync.apiKey}}") // status, inputs, outputs, error
                        .setBody(simple("${body[outputs]}"));

                from("direct:syncStarted").to("mock:syncStarted");

                String sync = hookOf(SYNC);
                from("direct:hookAndFind")
                        .to("dify:triggerWebhook?findTriggeredRun=true&webhookUrl=" + sync + "&apiKey="
                                + SYNC.apiKey());
                // a run no end user started cannot be followed with workflowEvents (Dify answers 404): read it
                from("direct:run").to("dify:getWorkflowRun?apiKey=" + SYNC.apiKey());
                from("direct:noUrl").to("dify:triggerWebhook");
                from("direct:notAWebhook").to("dify:triggerWebhook?webhookUrl=" + simulator().baseUrl() + "/info");
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWebhookCallStartsARunWhichIsFoundAndFollowedToItsOutputs() {
        Exchange answered = send("direct:notifyFlow", Map.of("order", "A-1"));
        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(Map.class)).containsEntry("status", "success");

        Exchange started = send("direct:hookAndFind", Map.of("order", "B-2"));
        assertThat(started.getException()).isNull();
        String runId = started.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class);
        assertThat(runId).isNotBlank();
        await().until(() -> "succeeded".equals(run(runId).get("status")));
        assertThat(run(runId).get("outputs")).isEqualTo(Map.of("order", "B-2"));
        // the trigger call carried no key
        assertThat(simulator().requests().stream().noneMatch(r -> r.path().contains("triggers"))).isTrue();
    }

    @Test
    void thePagesRoutesStartARunFromAQueueAndReadItsResult() throws Exception {
        MockEndpoint started = getMockEndpoint("mock:syncStarted");
        started.expectedMessageCount(1);

        template.sendBody("seda:orders", Map.of("order", "C-3"));

        started.assertIsSatisfied();
        String runId = started.getExchanges()
                .get(0)
                .getMessage()
                .getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class);
        await().until(() -> Map.of("order", "C-3")
                .equals(template.requestBodyAndHeader("direct:syncResult", null, DifyConstants.WORKFLOW_RUN_ID,
                        runId)));
    }

    @Test
    void thePagePrintsTheseRoutes() {
        DocPage.assertSnippetsRunBy("features/webhook-trigger.md", DifyTriggerWebhookTest.class, 3);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(String runId) {
        return send("direct:run", null, DifyConstants.WORKFLOW_RUN_ID, runId).getMessage().getBody(Map.class);
    }

    @Test
    void aMissingOrWrongUrlFailsBeforeAnythingIsSent() {
        assertThat(send("direct:noUrl", Map.of()).getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webhookUrl")
                .hasMessageContaining(DifyConstants.WEBHOOK_URL);
        assertThat(send("direct:notAWebhook", Map.of()).getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/triggers/webhook/");
    }
}
