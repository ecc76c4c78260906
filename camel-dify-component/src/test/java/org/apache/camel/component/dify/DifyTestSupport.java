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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.DifySimulatorExtension;
import org.apache.camel.component.seda.SedaComponent;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the route tests: a Dify simulator on a loopback port, and the dify component configured with its base URL
 * (the way a user sets camel.component.dify.baseUrl).
 */
public abstract class DifyTestSupport extends CamelTestSupport {

    @RegisterExtension
    static final DifySimulatorExtension DIFY = new DifySimulatorExtension();

    protected static DifySimulator simulator() {
        return DIFY.simulator();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        DifyComponent dify = new DifyComponent();
        dify.getConfiguration().setBaseUrl(simulator().baseUrl());
        context.addComponent("dify", dify);
        context.getPropertiesComponent().setInitialProperties(placeholders());
        // the queues of the docs' routes: a short poll so that each test's context stops at once
        context.getComponent("seda", SedaComponent.class).setDefaultPollTimeout(50);
        return context;
    }

    /** Property placeholders of the routes, such as the keys a docs snippet names as {@code {{dify.bot.apiKey}}}. */
    protected java.util.Properties placeholders() {
        return new java.util.Properties();
    }

    /** Properties from name, value pairs. */
    protected static java.util.Properties properties(String... namesAndValues) {
        java.util.Properties properties = new java.util.Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    /** Everything the class's tests sent and received must conform to Dify's OpenAPI spec. */
    @AfterAll
    static void conformsToDifysOpenApiSpec() {
        List<String> violations = OpenApiConformance.violations(simulator().interactions());
        assertThat(violations).as("requests and responses that break openapi_service.json").isEmpty();
    }

    /** The events a route collected with {@link #collectEvent()}; emptied before each test. */
    protected final List<DifyStreamEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearCollectedEvents() {
        events.clear();
    }

    /** A route step that keeps the event in the body (from a split of delivery=events) in {@link #events}. */
    protected Processor collectEvent() {
        return exchange -> events.add(exchange.getMessage().getBody(DifyStreamEvent.class));
    }

    /** Adds a route {@code direct:<operation>} to {@code dify:<operation>?<options>} for each operation. */
    protected static void directRoutes(RouteBuilder builder, String options, String... operations) {
        for (String operation : operations) {
            builder.from("direct:" + operation).to("dify:" + operation + "?" + options);
        }
    }

    /** Sends {@code body} with headers (name, value pairs) and returns the exchange, failed or not. */
    protected Exchange send(String uri, Object body, Object... headers) {
        return template.send(uri, exchange -> {
            exchange.getMessage().setBody(body);
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getMessage().setHeader((String) headers[i], headers[i + 1]);
            }
        });
    }
}
