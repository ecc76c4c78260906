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

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.ExtensionRequests.ExternalDataQuery;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationInput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationOutput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationVerdict;
import org.apache.camel.component.dify.simulator.ApiExtension;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code from("dify:extension")} answers Dify's API-based extension calls as Dify's docs define them: ping, an external
 * data tool and both moderation points, with the key checked.
 */
class DifyExtensionTest extends DifyCalledTestSupport {

    private static final String KEY = "extension-secret";

    private final java.util.List<Map<?, ?>> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final String PAGE_KEY = "page-extension-secret";

    /** The moderation policy of docs/features/api-extensions.md. */
    public static class Policy {

        public ModerationVerdict checkInput(ModerationInput input) {
            return input.query().toLowerCase().contains("password") ? ModerationVerdict.block("I cannot share that.")
                    : ModerationVerdict.pass();
        }

        public ModerationVerdict checkOutput(ModerationOutput output) {
            String masked = output.text().replaceAll("\\d{4}-\\d{4}", "****-****");
            return masked.equals(output.text()) ? ModerationVerdict.pass() : ModerationVerdict.overrideText(masked);
        }
    }

    /** The external data of docs/features/api-extensions.md: a customer's tier. */
    public static class CustomerLookup {

        public String tierOf(ExternalDataQuery query) {
            return "c-42".equals(query.inputs().get("customer")) ? "gold" : "standard";
        }
    }

    @Override
    protected Properties placeholders() {
        return properties("dify.extension.apiKey", PAGE_KEY);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // docs/features/api-extensions.md
                from("dify:extension?apiKey={{dify.extension.apiKey}}")
                        .choice()
                        .when(body().isInstanceOf(ModerationInput.class))
                        .bean(Policy.class, "checkInput") // a ModerationVerdict
                        .when(body().isInstanceOf(ModerationOutput.class))
                        .bean(Policy.class, "checkOutput") // a ModerationVerdict
                        .otherwise() // an ExternalDataQuery
                        .bean(CustomerLookup.class, "tierOf") // the variable's value, as text
                        .end();

                from("dify:extension?extensionPath=/ext&apiKey=" + KEY).process(e -> {
                    Object request = e.getMessage().getBody();
                    if (request instanceof ExternalDataQuery query) {
                        e.getMessage().setBody("Weather in " + query.inputs().get("location") + ": 10°C");
                    } else if (request instanceof ModerationInput input) {
                        e.getMessage()
                                .setBody(input.query().contains("password")
                                        ? ModerationVerdict.block("I cannot help with that.")
                                        : null);
                    } else if (request instanceof ModerationOutput output) {
                        e.getMessage().setBody(ModerationVerdict.overrideText(output.text().replace("secret", "***")));
                    }
                    e.getMessage().setHeader("seenPoint", e.getMessage().getHeader(DifyConstants.EXTENSION_POINT));
                    requests.add(e.getMessage().getHeader(DifyConstants.DIFY_REQUEST, Map.class));
                });
            }
        };
    }

    @Test
    void pingIsAnsweredAndTheExternalDataToolGetsItsValueFromTheRoute() throws Exception {
        assertThat(call("{\"point\":\"ping\"}", KEY).body()).isEqualTo("{\"result\":\"pong\"}");

        HttpResponse<String> weather = call("{\"point\":\"app.external_data_tool.query\",\"params\":{\"app_id\":"
                + "\"61248ab4\",\"tool_variable\":\"weather_retrieve\",\"inputs\":{\"location\":\"London\"},"
                + "\"query\":\"How's the weather today?\"}}",
                KEY);
        assertThat(json.readValue(weather.body(), Map.class)).containsEntry("result", "Weather in London: 10°C");
    }

    @Test
    @SuppressWarnings("unchecked")
    void moderationVerdictsComeBackInDifysShape() throws Exception {
        Map<String, Object> blocked = json.readValue(call(
                "{\"point\":\"app.moderation.input\",\"params\":{\"app_id\":\"a\","
                        + "\"inputs\":{\"var_1\":\"x\"},\"query\":\"tell me the admin password\"}}",
                KEY).body(), Map.class);
        assertThat(blocked).containsEntry("flagged", true)
                .containsEntry("action", "direct_output")
                .containsEntry("preset_response", "I cannot help with that.")
                .containsEntry("query", "tell me the admin password");
        Map<String, Object> passed = json.readValue(call(
                "{\"point\":\"app.moderation.input\",\"params\":{\"app_id\":\"a\","
                        + "\"inputs\":{},\"query\":\"hello\"}}",
                KEY).body(), Map.class);
        assertThat(passed).containsEntry("flagged", false);
        Map<String, Object> rewritten = json.readValue(call(
                "{\"point\":\"app.moderation.output\",\"params\":{\"app_id\":\"a\","
                        + "\"text\":\"the secret is out\"}}",
                KEY).body(), Map.class);
        assertThat(rewritten).containsEntry("flagged", true)
                .containsEntry("action", "overridden")
                .containsEntry("text", "the *** is out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "streaming"})
    void aDifyAppIsModeratedAndFedByTheRoute(String responseMode) {
        ApiExtension extension = simulator().addApiExtension("Guard", endpoint("/ext"), KEY);
        SimulatedApp app = simulator().createApp(AppMode.CHAT)
                .moderatedBy(extension, true, true)
                .withExternalDataTool("weather", extension)
                .answerWith(prompt -> prompt.inputs().get("weather") + ". The secret is safe.");
        String chat = "dify:chat?responseMode=" + responseMode + "&apiKey=" + app.apiKey();

        String answer = template.requestBodyAndHeader(chat, "How's the weather?", DifyConstants.INPUTS,
                Map.of("location", "London"), String.class);
        String refused = template.requestBodyAndHeader(chat, "Tell me the admin password", DifyConstants.INPUTS,
                Map.of("location", "London"), String.class);

        assertThat(answer).as("the route's data in the answer, the route's rewrite of it")
                .isEqualTo("Weather in London: 10°C. The *** is safe.");
        assertThat(refused).as("the route's preset response instead of an answer")
                .isEqualTo("I cannot help with that.");
    }

    @Test
    void thePagesRouteModeratesAndFeedsADifyApp() {
        ApiExtension extension = simulator().addApiExtension("Support policy", endpoint("/dify/extension"), PAGE_KEY);
        SimulatedApp app = simulator().createApp(AppMode.CHAT)
                .moderatedBy(extension, true, true)
                .withExternalDataTool("tier", extension)
                .answerWith(prompt -> "As a " + prompt.inputs().get("tier") + " customer, pay with card 1234-5678.");
        String chat = "dify:chat?apiKey=" + app.apiKey();

        assertThat(template.requestBodyAndHeader(chat, "How do I pay?", DifyConstants.INPUTS,
                Map.of("customer", "c-42"), String.class)).isEqualTo("As a gold customer, pay with card ****-****.");
        assertThat(template.requestBodyAndHeader(chat, "What is the admin password?", DifyConstants.INPUTS,
                Map.of("customer", "c-7"), String.class)).isEqualTo("I cannot share that.");
    }

    @Test
    void thePagePrintsThisRoute() {
        DocPage.assertSnippetsRunBy("features/api-extensions.md", DifyExtensionTest.class, 1);
    }

    @Test
    void difyRefusesAnExtensionWithAnotherKey() {
        assertThatThrownBy(() -> simulator().addApiExtension("Guard", endpoint("/ext"), "other"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("401");
    }

    @Test
    void aMessageFailsWhenTheExtensionRefusesDify() {
        // the key was rotated on the route's side after Dify registered the extension
        ApiExtension stale = new ApiExtension("stale", "Guard", endpoint("/ext"), "rotated-away");
        SimulatedApp app = simulator().createApp(AppMode.CHAT).moderatedBy(stale, true, false);

        Exchange failed = template.send("dify:chat?apiKey=" + app.apiKey(), e -> e.getMessage().setBody("Hello"));

        assertThat(failed.getException(DifyException.class)).isNotNull()
                .hasMessageContaining("status_code: 401");
        assertThat(failed.getException(DifyException.class).getHttpStatus()).isEqualTo(500);
    }

    @Test
    void whatTheTypedBodyDoesNotCarryIsInTheRequestHeader() throws Exception {
        HttpResponse<String> weather = call("{\"point\":\"app.external_data_tool.query\",\"trace\":\"t-7\","
                + "\"params\":{\"app_id\":\"a\",\"tool_variable\":\"w\",\"inputs\":{\"location\":\"Oslo\"},"
                + "\"query\":\"q\",\"locale\":\"nb-NO\"}}", KEY);

        assertThat(weather.statusCode()).isEqualTo(200);
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.get("trace")).isEqualTo("t-7");
            assertThat(((Map<?, ?>) request.get("params")).get("locale")).isEqualTo("nb-NO");
        });
    }

    @Test
    void aWrongKeyOrAnUnknownPointIsRefused() throws Exception {
        assertThat(call("{\"point\":\"ping\"}", "other").statusCode()).isEqualTo(401);
        assertThat(call("{\"point\":\"ping\"}", null).statusCode()).isEqualTo(401);
        assertThat(call("{\"point\":\"app.unknown\"}", KEY).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> call(String body, String key) throws Exception {
        return post("/ext", body, key == null ? null : "Bearer " + key);
    }
}
