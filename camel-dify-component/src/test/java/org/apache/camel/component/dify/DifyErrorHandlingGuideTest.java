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

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes of docs/errors.md, as printed there, against a scripted server: the component owning retries with
 * Camel routing what is left by category, Camel owning retries with the component's off, and a dead-letter channel.
 */
class DifyErrorHandlingGuideTest extends CamelTestSupport {

    private static final AtomicReference<ScriptedServer.Script> ANSWER = new AtomicReference<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final ScriptedServer SERVER = ScriptedServer.start((request, connection) -> {
        REQUESTS.incrementAndGet();
        ANSWER.get().answer(request, connection);
    });

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getPropertiesComponent().addInitialProperty("dify.apiKey", "app-guide");
        camel.getComponent("dify", DifyComponent.class).getConfiguration().setBaseUrl(SERVER.baseUrl());
        camel.getComponent("dify", DifyComponent.class).getConfiguration().setUser("guide");
        camel.getComponent("dify", DifyComponent.class).getConfiguration().setRetryBackoff(1);
        return camel;
    }

    @Override
    protected RouteBuilder[] createRouteBuilders() {
        return new RouteBuilder[]{new RouteBuilder() {

            @Override
            public void configure() {
                onException(DifyException.class)
                        .onWhen(header(DifyConstants.ERROR_CATEGORY).in("quota", "validation", "auth", "content"))
                        .handled(true)
                        .to("direct:needsAPerson");

                from("direct:ask")
                        .to("dify:chat?apiKey={{dify.apiKey}}");
            }
        }, new RouteBuilder() {

            @Override
            public void configure() {
                onException(DifyException.class)
                        .onWhen(exchange -> exchange.getException(DifyException.class).isRetryable())
                        .maximumRedeliveries(3)
                        .redeliveryDelay(100)
                        .useExponentialBackOff()
                        .handled(true)
                        .to("direct:gaveUp");

                from("direct:info")
                        .to("dify:getAppInfo?maxRetries=0&apiKey={{dify.apiKey}}");
            }
        }, new RouteBuilder() {

            @Override
            public void configure() {
                errorHandler(deadLetterChannel("direct:deadLetters")
                        .maximumRedeliveries(2)
                        .redeliveryDelay(100));

                onException(DifyException.class)
                        .onWhen(header(DifyConstants.ERROR_CATEGORY).in("quota", "validation", "auth", "content"))
                        .maximumRedeliveries(0);

                from("direct:questions")
                        .to("dify:chat?apiKey={{dify.apiKey}}")
                        .to("direct:answers");
            }
        }, new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:needsAPerson").to("mock:person");
                from("direct:gaveUp").to("mock:gaveUp");
                from("direct:deadLetters").to("mock:deadLetters");
                from("direct:answers").to("mock:answers");
            }
        }};
    }

    @Test
    void theComponentOwnsRetriesAndCamelRoutesWhatIsLeftByCategory() throws Exception {
        answer(400, "{\"code\":\"provider_quota_exceeded\",\"message\":\"quota\",\"status\":400}");
        MockEndpoint person = getMockEndpoint("mock:person");
        person.expectedMessageCount(1);
        person.expectedHeaderReceived(DifyConstants.ERROR_CATEGORY, "quota");

        template.sendBody("direct:ask", "Hello");

        person.assertIsSatisfied();
        assertThat(REQUESTS.get()).as("a quota error is not sent again").isEqualTo(1);
    }

    @Test
    void camelOwnsRetriesWhenTheComponentsAreOff() throws Exception {
        answer(503, "{\"code\":\"unavailable\",\"message\":\"busy\",\"status\":503}");
        getMockEndpoint("mock:gaveUp").expectedMessageCount(1);

        template.sendBody("direct:info", null);

        MockEndpoint.assertIsSatisfied(context);
        assertThat(REQUESTS.get()).as("one delivery and three redeliveries, not multiplied").isEqualTo(4);
    }

    @Test
    void whatMayPassIsRedeliveredAndTheRestIsDeadLettered() throws Exception {
        answer(429, "{\"code\":\"too_many_requests\",\"message\":\"Too many requests\",\"status\":429}");
        getMockEndpoint("mock:deadLetters").expectedMessageCount(1);
        getMockEndpoint("mock:answers").expectedMessageCount(0);

        template.sendBody("direct:questions", "Hello");

        MockEndpoint.assertIsSatisfied(context);
        assertThat(REQUESTS.get()).as("a chat is not retried by the component: Camel's two redeliveries")
                .isEqualTo(3);
    }

    @Test
    void whatCannotPassIsDeadLetteredAtOnce() throws Exception {
        answer(401, "{\"code\":\"unauthorized\",\"message\":\"Access token is invalid\",\"status\":401}");
        MockEndpoint deadLetters = getMockEndpoint("mock:deadLetters");
        deadLetters.expectedMessageCount(1);
        deadLetters.expectedHeaderReceived(DifyConstants.ERROR_CATEGORY, "auth");

        template.sendBody("direct:questions", "Hello");

        deadLetters.assertIsSatisfied();
        assertThat(REQUESTS.get()).isEqualTo(1);
    }

    @Test
    void theGuidePrintsTheseRoutes() {
        DocPage.assertSnippetsRunBy("errors.md", DifyErrorHandlingGuideTest.class, 3);
    }

    private static void answer(int status, String json) {
        REQUESTS.set(0);
        ANSWER.set((request, connection) -> connection.json(status, json));
    }
}
