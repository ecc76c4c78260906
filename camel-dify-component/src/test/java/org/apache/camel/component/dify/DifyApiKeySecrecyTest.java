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
import java.util.stream.Stream;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key never shows: not in Camel's printed endpoint URIs, not in exception messages, and not in any log line,
 * with DEBUG logging on for Camel, the component and HttpClient (see log4j2-test.properties).
 */
class DifyApiKeySecrecyTest extends DifyTestSupport {

    private static final String SECRET = "app-TopSecretKey0123456789abcd";
    private static final SimulatedApp APP = simulator().createApp(AppMode.CHAT, SECRET);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:chat").routeId("secret-route").to("dify:chat?apiKey=" + SECRET);
                from("direct:header").to("dify:chat");
            }
        };
    }

    @Test
    void theKeyAppearsInNoEndpointUriExceptionOrLogLine() throws Exception {
        Exchange ok = send("direct:chat", "hello");
        APP.failNext(Fault.json(400, "invalid_param", "something went wrong"));
        Exchange failed = send("direct:chat", "hello");
        Exchange wrongKey = send("direct:header", "hello", DifyConstants.API_KEY, SECRET + "-revoked");

        assertThat(ok.getException()).isNull();
        assertThat(failed.getException()).isNotNull();
        assertThat(wrongKey.getException()).isNotNull();
        for (Endpoint endpoint : context.getEndpoints()) {
            assertThat(endpoint.toString()).doesNotContain(SECRET);
        }
        assertThat(context.getRoute("secret-route").getEndpoint().toString()).doesNotContain(SECRET);
        for (Exchange exchange : new Exchange[]{failed, wrongKey}) {
            Throwable error = exchange.getException();
            while (error != null) {
                assertThat(error.getMessage()).doesNotContain(SECRET);
                error = error.getCause();
            }
        }
        boolean maskedHeaderLogged = false;
        // read line by line: the DEBUG log of a whole test run is large
        try (Stream<String> lines = Files.lines(Path.of("target", "test-logs.log"))) {
            for (String line : (Iterable<String>) lines::iterator) {
                assertThat(line).doesNotContain("TopSecretKey");
                maskedHeaderLogged |= line.contains("Authorization: Bearer ******");
            }
        }
        assertThat(maskedHeaderLogged).as("HttpClient's header log ran").isTrue();
    }
}
