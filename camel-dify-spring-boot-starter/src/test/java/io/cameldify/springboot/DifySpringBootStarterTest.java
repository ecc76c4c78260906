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
package io.cameldify.springboot;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Spring Boot application that configures dify: with properties only (kebab-case, as Camel's own starters) runs a
 * route against the simulator, shows the producer's readiness in /actuator/health, has IDE metadata for every
 * component option, and does not start with an option the component lacks. Written against what Spring Boot 3.5 and 4
 * share: the same class runs here on Boot 3.5 + Camel 4.18 and in camel-dify-spring-boot4-tests on Boot 4 + Camel
 * 4.22.
 */
@SpringBootTest(classes = DifySpringBootStarterTest.Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DifySpringBootStarterTest {

    private static final DifySimulator DIFY = DifySimulator.start();
    private static final SimulatedApp BOT = DIFY.createApp(AppMode.CHAT).answer("Hello from Dify.");

    @Autowired
    private ProducerTemplate template;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private Environment environment;

    @DynamicPropertySource
    static void difyProperties(DynamicPropertyRegistry properties) {
        properties.add("camel.component.dify.base-url", DIFY::baseUrl);
        properties.add("camel.component.dify.api-key", BOT::apiKey);
        properties.add("camel.component.dify.user", () -> "spring-boot");
        properties.add("camel.component.dify.inputs.lang", () -> "en");
        properties.add("camel.component.dify.maxRetries", () -> "1");
        properties.add("camel.health.producers-enabled", () -> "true");
        properties.add("camel.health.exposure-level", () -> "full");
        properties.add("management.endpoint.health.show-details", () -> "always");
        properties.add("server.address", () -> "127.0.0.1");
    }

    @AfterAll
    static void stopDify() {
        DIFY.close();
    }

    @SpringBootApplication
    static class Application {

        @Bean
        RouteBuilder askDify() {
            return new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:ask").to("dify:chat");
                }
            };
        }
    }

    @Test
    void propertiesAloneConfigureTheComponentAndTheRouteAnswers() {
        String answer = template.requestBody("direct:ask", "Hi", String.class);

        assertThat(answer).isEqualTo("Hello from Dify.");
        DifyComponent component = camelContext.getComponent("dify", DifyComponent.class);
        assertThat(component.getConfiguration().getUser()).isEqualTo("spring-boot");
        assertThat(component.getConfiguration().getMaxRetries()).isEqualTo(1);
        assertThat(component.getConfiguration().getInputs()).containsEntry("lang", "en");
        assertThat(DIFY.requests("POST", "/chat-messages").get(0).json().get("user").asText())
                .isEqualTo("spring-boot");
    }

    @Test
    void theProducersReadinessIsInActuatorHealth() throws Exception {
        template.requestBody("direct:ask", "Hi", String.class);

        HttpResponse<String> report = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + environment.getProperty("local.server.port") + "/actuator/health"))
                        .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("producer:dify-").contains(DifySimulator.SERVER_VERSION);
    }

    @Test
    void everyComponentOptionHasIdeMetadata() throws Exception {
        JsonNode metadata;
        try (InputStream in = DifyComponentAutoConfiguration.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }

        assertThat(metadata.get("properties").findValuesAsText("name"))
                .contains("camel.component.dify.base-url", "camel.component.dify.api-key",
                        "camel.component.dify.max-retries", "camel.component.dify.stream-mode",
                        "camel.component.dify.enabled");
        assertThat(metadata.get("hints").findValuesAsText("name")).contains("camel.component.dify.response-mode");
    }

    @Test
    void anOptionTheComponentLacksFailsTheStartNamingIt() {
        SpringApplicationBuilder misconfigured = new SpringApplicationBuilder(Application.class)
                .properties("spring.main.web-application-type=none", "camel.component.dify.base-url=" + DIFY.baseUrl(),
                        "camel.component.dify.api-kee=app-typo");

        assertThatThrownBy(misconfigured::run).hasStackTraceContaining("apiKee");
    }
}
