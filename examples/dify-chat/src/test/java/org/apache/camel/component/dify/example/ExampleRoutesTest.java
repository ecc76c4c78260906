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
package org.apache.camel.component.dify.example;

import java.util.List;
import java.util.Properties;

import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the Java and the YAML route through Camel Main against the simulator, as the README's command does. */
class ExampleRoutesTest {

    private static DifySimulator simulator;
    private static SimulatedApp app;

    @BeforeAll
    static void startSimulator() {
        simulator = DifySimulator.start();
        app = simulator.createApp(AppMode.CHAT).answerWith(p -> "Answer " + p.turn() + ": " + p.query());
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theRouteAsksEveryQuestionInOneConversation(boolean yaml) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("camel.component.dify.baseUrl", simulator.baseUrl());
        properties.setProperty("camel.component.dify.apiKey", app.apiKey());
        properties.setProperty("dify.example.output", "mock:answers");
        Main main = new Main();
        List<String>[] answers = new List[1];
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {

            @Override
            public void beforeStop(org.apache.camel.main.BaseMainSupport m) {
                MockEndpoint mock = m.getCamelContext().getEndpoint("mock:answers", MockEndpoint.class);
                answers[0] = mock.getExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
            }
        });

        DifyChatExample.run(main, properties, yaml);

        assertThat(answers[0]).containsExactly("Answer 1: What is Apache Camel?", "Answer 2: And what is Dify?",
                "Answer 3: How do they fit together?");
        // "Answer 2", "Answer 3": the simulator counts turns per conversation; the requests say the same
        var requests = simulator.requests("POST", "/chat-messages");
        var asked = requests.subList(requests.size() - 3, requests.size());
        assertThat(asked.get(0).jsonText("conversation_id")).isNull();
        assertThat(asked.get(1).jsonText("conversation_id")).isNotBlank()
                .isEqualTo(asked.get(2).jsonText("conversation_id"));
        assertThat(asked).allMatch(r -> "streaming".equals(r.jsonText("response_mode")));
    }
}
