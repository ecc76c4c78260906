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
package org.apache.camel.component.dify.consumer;

import java.net.http.HttpResponse;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.protocol.extension.ExtensionRequests.ExternalDataQuery;
import org.apache.camel.component.dify.protocol.extension.ExtensionRequests.ModerationInput;
import org.apache.camel.component.dify.protocol.extension.ExtensionRequests.ModerationOutput;
import org.apache.camel.component.dify.protocol.extension.ExtensionRequests.ModerationVerdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code from("dify:extension")} answers Dify's API-based extension calls as Dify's docs define them: ping, an external
 * data tool and both moderation points, with the key checked.
 */
class DifyExtensionTest extends DifyCalledTestSupport {

    private static final String KEY = "extension-secret";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
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
