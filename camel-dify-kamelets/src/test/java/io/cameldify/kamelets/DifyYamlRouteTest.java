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
package io.cameldify.kamelets;

import java.time.Duration;

import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.main.KameletMain;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The YAML example examples/yaml/dify-chat.camel.yaml, as `camel run` runs it: on KameletMain, with properties only
 * and no Java code, against the simulator.
 */
class DifyYamlRouteTest {

    @Test
    void theYamlExampleRunsWithNoJavaCode() throws Exception {
        try (DifySimulator dify = DifySimulator.start()) {
            SimulatedApp bot = dify.createApp(AppMode.CHAT).answer("An integration framework.");
            KameletMain main = new KameletMain("dify-yaml-example");
            main.setDownload(false);
            main.addInitialProperty("dify.baseUrl", dify.baseUrl());
            main.addInitialProperty("dify.apiKey", bot.apiKey());
            main.configure().withRoutesIncludePattern("file:../examples/yaml/dify-chat.camel.yaml");
            main.start();
            try {
                assertThat(main.getCamelContext().getRoute("dify-chat")).as("the example's route").isNotNull();
                // the timer's one exchange asked Dify, Dify answered it, and the exchange is done
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> !dify.interactions().isEmpty()
                                && main.getCamelContext().getInflightRepository().size() == 0);

                assertThat(dify.interactions()).singleElement().satisfies(i -> {
                    assertThat(i.status()).isEqualTo(200);
                    assertThat(i.request().json().get("query").asText()).isEqualTo("What is Apache Camel?");
                });
            } finally {
                main.stop();
            }
        }
    }
}
