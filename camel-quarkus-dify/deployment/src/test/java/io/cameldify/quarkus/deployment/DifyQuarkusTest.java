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
package io.cameldify.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Quarkus application (JVM mode) with the extension: camel.component.dify.* properties configure the component and a
 * route answers from the simulator.
 */
class DifyQuarkusTest {

    private static final DifySimulator DIFY = DifySimulator.start();
    // the class is loaded twice (JUnit's and Quarkus' class loaders), so each has its own simulator: the answer names
    // the user, so the route's answer shows what the called one received
    private static final SimulatedApp BOT = DIFY.createApp(AppMode.CHAT)
            .answerWith(prompt -> "Hello " + prompt.user() + " from Dify on Quarkus.");

    @RegisterExtension
    static final QuarkusUnitTest QUARKUS = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(Routes.class))
            .overrideConfigKey("camel.component.dify.baseUrl", DIFY.baseUrl())
            .overrideConfigKey("camel.component.dify.apiKey", BOT.apiKey())
            .overrideConfigKey("camel.component.dify.user", "quarkus");

    @Inject
    ProducerTemplate template;

    @AfterAll
    static void stopDify() {
        DIFY.close();
    }

    public static class Routes extends RouteBuilder {

        @Override
        public void configure() {
            from("direct:ask").to("dify:chat");
        }
    }

    @Test
    void propertiesConfigureTheComponentAndTheRouteAnswers() {
        assertThat(template.requestBody("direct:ask", "Hi", String.class))
                .isEqualTo("Hello quarkus from Dify on Quarkus.");
    }
}
