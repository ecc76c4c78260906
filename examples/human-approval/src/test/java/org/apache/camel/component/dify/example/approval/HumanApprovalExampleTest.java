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

import java.util.List;

import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The human-approval example end to end on the simulator: each request's run pauses, its form reaches the reviewer
 * queue, the reviewer's decision submits it, and the run finishes with that decision.
 */
class HumanApprovalExampleTest {

    @Test
    void eachRunPausesForTheReviewerAndFinishesWithTheDecision() throws Exception {
        try (DifySimulator simulator = DifySimulator.start()) {
            SimulatedApp workflow = HumanApprovalExample.approvalWorkflow(simulator);

            List<String> outcomes = HumanApprovalExample.run(simulator.baseUrl(), workflow.apiKey());

            assertThat(outcomes).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("outcome (succeeded)"));
            assertThat(outcomes).anySatisfy(line -> assertThat(line).contains("Team lunch", "\"decision\":\"approve\"",
                    "within budget"));
            assertThat(outcomes).anySatisfy(line -> assertThat(line).contains("second monitor",
                    "\"decision\":\"reject\"", "over the 500 EUR limit"));
            // each run paused, and its form was submitted once, by the decision route
            assertThat(simulator.requests()
                    .stream()
                    .filter(r -> r.method().equals("POST") && r.path().startsWith("/form/human_input/")))
                    .hasSize(2);
        }
    }
}
