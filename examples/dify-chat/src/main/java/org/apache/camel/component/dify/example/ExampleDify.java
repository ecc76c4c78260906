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

import java.time.Duration;
import java.util.Properties;

import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;

/**
 * Where the examples find Dify: a real one from {@code DIFY_BASE_URL} and {@code DIFY_API_KEY} (a chat app's key),
 * or else the bundled simulator, started on a free loopback port.
 */
final class ExampleDify implements AutoCloseable {

    private final DifySimulator simulator;
    private final String baseUrl;
    private final String apiKey;

    private ExampleDify(DifySimulator simulator, String baseUrl, String apiKey) {
        this.simulator = simulator;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    static ExampleDify fromEnvironment() {
        String baseUrl = System.getenv("DIFY_BASE_URL");
        String apiKey = System.getenv("DIFY_API_KEY");
        if (baseUrl != null && !baseUrl.isBlank() && apiKey != null && !apiKey.isBlank()) {
            System.out.println("Using Dify at " + baseUrl);
            return new ExampleDify(null, baseUrl, apiKey);
        }
        DifySimulator simulator = DifySimulator.start();
        String key = simulator.createApp(AppMode.CHAT)
                .answerWith(p -> switch (p.turn()) {
                    case 1 -> "Apache Camel is an integration framework: routes move and transform messages"
                            + " between hundreds of systems.";
                    case 2 -> "Dify is an open-source platform for building LLM apps such as chatbots, agents and"
                            + " workflows.";
                    default -> "Together, a Camel route can call a Dify app wherever a message flows: you asked \""
                            + p.query() + "\" in turn " + p.turn() + " of this conversation.";
                })
                .pacing(Duration.ofMillis(30))
                .apiKey();
        System.out.println("DIFY_BASE_URL / DIFY_API_KEY not set: using the bundled Dify simulator at "
                + simulator.baseUrl());
        return new ExampleDify(simulator, simulator.baseUrl(), key);
    }

    /** The properties that configure the dify component for Camel Main. */
    Properties camelProperties() {
        Properties properties = new Properties();
        properties.setProperty("camel.component.dify.baseUrl", baseUrl);
        properties.setProperty("camel.component.dify.apiKey", apiKey);
        properties.setProperty("camel.component.dify.user", "camel-dify-example");
        return properties;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }
}
