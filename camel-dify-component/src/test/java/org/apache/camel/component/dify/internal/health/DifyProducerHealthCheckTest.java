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
package org.apache.camel.component.dify.internal.health;

import java.util.Collection;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyTestSupport;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel's readiness includes each dify: producer: UP with Dify's version while Dify answers its API root, DOWN with the
 * reason when it cannot be reached.
 */
class DifyProducerHealthCheckTest extends DifyTestSupport {

    private static final int CLOSED_PORT = ScriptedServer.unusedPort();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:up").routeId("up").to("dify:chat?apiKey=app-x");
                from("direct:down").routeId("down")
                        .to("dify:chat?apiKey=app-x&connectTimeout=2000&baseUrl=http://127.0.0.1:" + CLOSED_PORT
                                + "/v1");
            }
        };
    }

    @Test
    void readinessReportsDifysVersionOrWhyItIsDown() {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.setEnabled(true);
        registry.setExposureLevel("full"); // the default lists only the checks that are down
        // producer checks are off unless enabled (camel.health.producersEnabled=true in an application)
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);

        Collection<HealthCheck.Result> results = HealthCheckHelper.invokeReadiness(context);

        HealthCheck.Result up = result(results, "up");
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsEntry(DifyProducerHealthCheck.SERVER_VERSION, DifySimulator.SERVER_VERSION);
        HealthCheck.Result down = result(results, "down");
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("not reachable"));
    }

    private static HealthCheck.Result result(Collection<HealthCheck.Result> results, String baseUrlPart) {
        return results.stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:dify-"))
                .filter(r -> baseUrlPart.equals("down") == String.valueOf(r.getDetails().get("baseUrl"))
                        .contains(":" + CLOSED_PORT + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dify producer check for " + baseUrlPart + " in "
                        + results.stream()
                                .map(r -> r.getCheck().getId() + " " + r.getState() + " " + r.getDetails())
                                .toList()));
    }

}
