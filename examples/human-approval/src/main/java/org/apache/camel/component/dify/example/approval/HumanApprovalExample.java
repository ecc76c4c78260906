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
package org.apache.camel.component.dify.example.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.HumanInputForm;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.Main;

/**
 * The human-approval example: two expense requests go to a Dify workflow that pauses for a reviewer; a stand-in
 * reviewer route (a person, in real life) approves what costs up to 500 and rejects the rest; each run then finishes
 * with the decision in its outputs. Runs on a real Dify with {@code DIFY_BASE_URL} / {@code DIFY_API_KEY} (a Workflow
 * app with an input {@code request} and a Human Input node with the actions approve and reject), else on the bundled
 * simulator.
 */
public final class HumanApprovalExample {

    static final List<String> REQUESTS = List.of("Team lunch after the release: 120 EUR",
            "A second monitor for the support desk: 740 EUR");
    private static final Pattern AMOUNT = Pattern.compile("(\\d+) EUR");

    private HumanApprovalExample() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getenv("DIFY_BASE_URL");
        String apiKey = System.getenv("DIFY_API_KEY");
        if (baseUrl != null && !baseUrl.isBlank() && apiKey != null && !apiKey.isBlank()) {
            System.out.println("Using the Dify workflow app at " + baseUrl);
            run(baseUrl, apiKey).forEach(System.out::println);
            return;
        }
        try (DifySimulator simulator = DifySimulator.start()) {
            System.out.println("DIFY_BASE_URL / DIFY_API_KEY not set: using the bundled Dify simulator at "
                    + simulator.baseUrl());
            run(simulator.baseUrl(), approvalWorkflow(simulator).apiKey()).forEach(System.out::println);
        }
    }

    /** A Workflow app on the simulator that pauses for a review and outputs the reviewer's decision. */
    static SimulatedApp approvalWorkflow(DifySimulator simulator) {
        return simulator.createApp(AppMode.WORKFLOW)
                .answer("Expense request checked against the policy.")
                .pauseForHumanInput(new HumanInputForm("Expense approval", "Approve this expense request?",
                        List.of("comment"), List.of("approve", "reject"), Duration.ofHours(24)))
                .workflowOutputsAfterReview(review -> Map.of("request", review.prompt().inputs().get("request"),
                        "decision", review.action(), "comment", review.inputs().getOrDefault("comment", "")));
    }

    /** Runs the example's requests through the approval routes; answers one line per outcome. */
    static List<String> run(String baseUrl, String apiKey) throws Exception {
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        EmbeddedActiveMQ broker = startBroker();
        try {
            Main main = new Main();
            main.bind("jms", JmsComponent.jmsComponent(new ActiveMQConnectionFactory("vm://0")));
            main.addInitialProperty("camel.component.dify.baseUrl", baseUrl);
            main.addInitialProperty("camel.component.dify.apiKey", apiKey);
            main.addInitialProperty("camel.component.dify.user", "expense-desk");
            main.configure().addRoutesBuilder(new ApprovalRoutes());
            main.configure().addRoutesBuilder(new RouteBuilder() {

                @Override
                public void configure() {
                    from("timer:requests?repeatCount=1").routeId("send-requests")
                            .setBody(constant(REQUESTS))
                            .split(body())
                            .to("jms:queue:requests");
                    // a stand-in for the person who reviews: approves up to 500, rejects the rest
                    from("jms:queue:reviews").routeId("reviewer")
                            .unmarshal()
                            .json(Map.class)
                            .process(e -> {
                                Map<?, ?> task = e.getMessage().getBody(Map.class);
                                String request = (String) task.get("request");
                                boolean approve = amountOf(request) <= 500;
                                System.out.println("To review: " + task.get("content") + " " + request + " -> "
                                        + (approve ? "approve" : "reject"));
                                e.getMessage().setHeader("formToken", task.get("formToken"));
                                e.getMessage().setHeader("workflowRunId", task.get("workflowRunId"));
                                e.getMessage()
                                        .setBody(Map.of("action", approve ? "approve" : "reject", "inputs",
                                                Map.of("comment",
                                                        approve ? "within budget" : "over the 500 EUR limit")));
                            })
                            .marshal()
                            .json()
                            .to("jms:queue:decisions");
                    from("jms:queue:outcomes").routeId("report")
                            .process(e -> {
                                outcomes.add("outcome (" + e.getMessage().getHeader("workflowStatus") + "): "
                                        + e.getMessage().getBody(String.class));
                                // every request decided: the example is done (no idle time to guess)
                                if (outcomes.size() == REQUESTS.size()) {
                                    main.completed();
                                }
                            });
                }
            });
            main.run();
        } finally {
            broker.stop();
        }
        return outcomes;
    }

    static int amountOf(String request) {
        Matcher matcher = AMOUNT.matcher(request == null ? "" : request);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : Integer.MAX_VALUE;
    }

    /** An in-VM ActiveMQ Artemis broker ({@code vm://0}) that keeps nothing on disk. */
    static EmbeddedActiveMQ startBroker() throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("in-vm", "vm://0"));
        broker.start();
        return broker;
    }
}
