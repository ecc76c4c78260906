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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keys of the consumers never show either: not in the endpoint URIs Camel prints for routes that start with
 * {@code from("dify:...")}, not in the answers to a caller with a wrong key, and not in any log line (DEBUG logging
 * for Camel, the component, HttpClient and Vert.x, see log4j2-test.properties), with the keys in placeholders.
 */
class DifyCalledKeySecrecyTest extends DifyCalledTestSupport {

    private static final String MARK = "CalledSecretKey";
    // Camel core's DEBUG log of placeholder resolution prints every value it resolves, whatever its name
    private static final Pattern CAMEL_PROPERTY_RESOLUTION = Pattern.compile(
            "DEBUG \\[[^]]*] (org\\.apache\\.camel\\.component\\.properties\\.DefaultPropertiesParser"
                    + "|org\\.apache\\.camel\\.impl\\.engine\\.DefaultCamelContextExtension) - ");
    private static final SimulatedApp FLOW = simulator().createApp(AppMode.WORKFLOW, "app-" + MARK + "Runs0123456");

    // in placeholders, as the reference says: Camel core prints a from(...) URI as written in its DEBUG route dump
    // (and its properties component the values it resolves, at DEBUG: left out of the check below)
    @Override
    protected Properties placeholders() {
        return properties("kb.apiKey", "kb-" + MARK + "Knowledge", "ext.apiKey", "ext-" + MARK + "Extension",
                "runs.apiKey",
                FLOW.apiKey());
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:externalKnowledge?apiKey={{kb.apiKey}}").routeId("knowledge")
                        .setBody(constant(java.util.List.of()));
                from("dify:extension?apiKey={{ext.apiKey}}").routeId("extension").setBody(constant("x"));
                from("dify:workflowRuns?pollInterval=100&apiKey={{runs.apiKey}}").routeId("runs").to("mock:runs");
            }
        };
    }

    @Test
    void theKeysAppearInNoEndpointUriAnswerOrLogLine() throws Exception {
        String knowledge = post("/dify/external-knowledge/retrieval",
                "{\"knowledge_id\":\"k\",\"query\":\"q\",\"retrieval_setting\":{\"top_k\":1,\"score_threshold\":0}}",
                "Bearer wrong").body();
        String extension = post("/dify/extension", "{\"point\":\"ping\"}", "Bearer wrong").body();
        FLOW.runTriggeredBy("schedule", java.util.Map.of());
        getMockEndpoint("mock:runs").expectedMinimumMessageCount(1);
        getMockEndpoint("mock:runs").assertIsSatisfied();

        assertThat(knowledge).doesNotContain(MARK);
        assertThat(extension).doesNotContain(MARK);
        for (Endpoint endpoint : context.getEndpoints()) {
            assertThat(endpoint.toString()).doesNotContain(MARK);
        }
        for (String route : new String[]{"knowledge", "extension", "runs"}) {
            assertThat(context.getRoute(route).getEndpoint().toString()).doesNotContain(MARK);
            assertThat(context.getRoute(route).getConsumer().toString()).doesNotContain(MARK);
        }
        try (Stream<String> lines = Files.lines(Path.of("target", "test-logs.log"))) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (!CAMEL_PROPERTY_RESOLUTION.matcher(line).find()) {
                    assertThat(line).doesNotContain(MARK);
                }
            }
        }
    }
}
