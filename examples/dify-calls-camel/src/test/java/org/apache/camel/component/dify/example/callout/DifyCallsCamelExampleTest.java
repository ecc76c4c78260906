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
package org.apache.camel.component.dify.example.callout;

import java.util.List;

import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example on the simulator: Dify calls the FAQ route for every question it answers from knowledge, the extension
 * route for the moderation of each question and answer and for the customer's tier, and the answers show each.
 */
class DifyCallsCamelExampleTest {

    @Test
    void theSupportAppAnswersFromTheRoutesAndIsModeratedByThem() throws Exception {
        try (DifySimulator simulator = DifySimulator.start()) {
            List<String> lines = DifyCallsCamelExample.askTheSimulatedSupportApp(simulator);

            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("A: As a gold customer: Refunds are paid back to the original card"
                    + " within 14 days of the return.")
                    .contains("cites [refunds.md");
            assertThat(lines.get(1)).as("the answer's e-mail address is hidden by the extension route")
                    .contains("Orders ship within two working days")
                    .contains("[e-mail hidden]")
                    .doesNotContain("help@example.com");
            assertThat(lines.get(2)).as("a card number never reaches the model")
                    .contains("A: Please never send card numbers in the chat");
            List<RecordedRequest> knowledgeBases = simulator.requests("POST", "/datasets");
            assertThat(knowledgeBases).singleElement()
                    .satisfies(request -> assertThat(request.jsonText("provider")).isEqualTo("external"));
        }
    }

    @Test
    void theFaqSearchRanksBySharedWordsAndHonoursTopKAndThreshold() {
        SupportDesk desk = new SupportDesk();

        assertThat(desk.search("How long do refunds take?", 2, 0.0)).first()
                .satisfies(record -> assertThat(record.title()).isEqualTo("refunds.md"));
        assertThat(desk.search("shipping and returns", 1, 0.0)).hasSize(1);
        assertThat(desk.search("weather tomorrow", 3, 0.0)).isEmpty();
        assertThat(desk.search("refunds weather tomorrow nothing", 3, 0.9)).isEmpty();
    }
}
