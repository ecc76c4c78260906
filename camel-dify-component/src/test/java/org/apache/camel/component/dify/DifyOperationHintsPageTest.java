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
import org.apache.camel.Header;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/features/ai-tools.md: the operation hints in code, and a guard that lets an agent's read-only tool calls run and
 * sends the others to a person.
 */
class DifyOperationHintsPageTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedDataset HANDBOOK = simulator().createDataset("Agent handbook");

    /** The policy of the page: only read-only operations run unattended. */
    public static class DifyToolPolicy {

        public boolean unattended(@Header("CamelDifyOperation") String operation) {
            return DifyOperation.fromName(operation).hints().readOnly();
        }
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.dataset.apiKey", KEY);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:agentToolCall")
                        .choice()
                        .when(method(DifyToolPolicy.class, "unattended"))
                        .to("dify:getDataset?apiKey={{dify.dataset.apiKey}}") // the header picks the operation to run
                        .otherwise()
                        .to("direct:askAPerson") // writes and deletes wait for a person
                        .end();

                from("direct:askAPerson").to("mock:askAPerson");
            }
        };
    }

    @Test
    void theHintsSayWhatAnOperationDoes() {
        DifyOperation.Hints hints = DifyOperation.fromName("deleteDocument").hints();
        boolean askFirst = hints.destructive(); // true: it removes what cannot be recreated
        boolean mayRepeat = hints.idempotent(); // true: a second delete changes nothing more

        assertThat(askFirst).isTrue();
        assertThat(mayRepeat).isTrue();
        assertThat(hints.readOnly()).isFalse();
        assertThat(DifyOperation.retrieve.hints()).isEqualTo(new DifyOperation.Hints(true, false, true));
        assertThat(DifyOperation.chat.hints()).isEqualTo(new DifyOperation.Hints(false, false, false));
    }

    @Test
    @SuppressWarnings("unchecked")
    void readOnlyToolCallsRunAndTheOthersWaitForAPerson() throws Exception {
        MockEndpoint person = getMockEndpoint("mock:askAPerson");
        person.expectedHeaderReceived(DifyConstants.OPERATION, "deleteDataset");

        Exchange read = send("direct:agentToolCall", null, DifyConstants.OPERATION, "getDataset",
                DifyConstants.DATASET_ID, HANDBOOK.id());
        Exchange delete = send("direct:agentToolCall", null, DifyConstants.OPERATION, "deleteDataset",
                DifyConstants.DATASET_ID, HANDBOOK.id());

        assertThat(read.getException()).isNull();
        assertThat(read.getMessage().getBody(Map.class)).containsEntry("name", "Agent handbook");
        assertThat(delete.getException()).isNull();
        person.assertIsSatisfied();
        assertThat(simulator().requests("DELETE", "/datasets/" + HANDBOOK.id())).isEmpty();
    }

    @Test
    void thePagePrintsTheseSnippets() {
        DocPage.assertSnippetsRunBy("features/ai-tools.md", DifyOperationHintsPageTest.class, 3);
    }
}
