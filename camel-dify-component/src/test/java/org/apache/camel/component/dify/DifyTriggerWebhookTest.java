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

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
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

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String hook = simulator().baseUrl().replace("/v1", "") + "/triggers/webhook/" + FLOW.webhookTrigger();
                from("direct:hook").to("dify:triggerWebhook?webhookUrl=" + hook);
                String sync = simulator().baseUrl().replace("/v1", "") + "/triggers/webhook/" + SYNC.webhookTrigger();
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
        Exchange answered = send("direct:hook", Map.of("order", "A-1"));
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
