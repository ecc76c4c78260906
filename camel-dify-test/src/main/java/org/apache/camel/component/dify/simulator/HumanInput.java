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
package org.apache.camel.component.dify.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.State.FormState;

/**
 * {@code GET} and {@code POST /form/human_input/{form_token}}: read and submit the form of a run paused at a Human
 * Input node (Dify docs /en/api-reference, Human Input forms). A submission resumes the run; its events are followed
 * through
 * {@code GET /workflow/{workflow_run_id}/events}.
 */
final class HumanInput {

    private final DifySimulator sim;

    HumanInput(DifySimulator sim) {
        this.sim = sim;
    }

    void handle(Call call, SimulatedApp app, String token) throws IOException {
        FormState form = sim.state().forms.get(token);
        if (call.method.equals("GET")) {
            sim.record(call, null, Map.of(), -1);
            if (form == null || form.run.app != app) {
                sim.sendError(call.exchange, 404, "not_found", "Form not found");
                return;
            }
            sim.sendJson(call.exchange, 200, describe(form));
            return;
        }
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        if (sim.requireUser(call, body) == null) {
            return;
        }
        if (!body.has("inputs") || !body.get("inputs").isObject() || Generation.text(body, "action") == null) {
            sim.sendError(call.exchange, 400, "invalid_param", "1 validation error for HumanInputFormSubmitPayload\n"
                    + "inputs and action are required");
            return;
        }
        if (form == null || form.run.app != app) {
            sim.sendError(call.exchange, 404, "not_found", "Form not found");
            return;
        }
        if (form.submitted) {
            sim.sendError(call.exchange, 412, "human_input_form_submitted",
                    "This form has already been submitted by another user, form_id=" + form.formId);
            return;
        }
        if (System.currentTimeMillis() / 1000 > form.expiresAt) {
            sim.sendError(call.exchange, 412, "human_input_form_expired", "This form has expired, form_id="
                    + form.formId);
            return;
        }
        String action = body.get("action").asText();
        if (!form.form.actions().contains(action)) {
            sim.sendError(call.exchange, 400, "invalid_form_data", "Invalid action: " + action);
            return;
        }
        JsonNode inputs = body.get("inputs");
        List<String> missing = new ArrayList<>();
        for (String name : form.form.inputNames()) {
            if (!inputs.hasNonNull(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            sim.sendError(call.exchange, 400, "invalid_form_data", "Missing required inputs: "
                    + String.join(", ", missing));
            return;
        }
        form.submitted = true;
        @SuppressWarnings("unchecked")
        Map<String, Object> values = sim.mapper().convertValue(inputs, Map.class);
        form.run.submitForm(new SimulatedRun.FormSubmission(action, values));
        sim.sendJson(call.exchange, 200, sim.mapper().createObjectNode());
    }

    private ObjectNode describe(FormState form) {
        ObjectNode json = sim.mapper().createObjectNode().put("form_content", form.form.content());
        ArrayNode inputs = json.putArray("inputs");
        form.form.inputNames()
                .forEach(n -> inputs.addObject()
                        .put("type", "paragraph")
                        .put("output_variable_name", n)
                        .putNull("default"));
        json.putObject("resolved_default_values");
        ArrayNode actions = json.putArray("user_actions");
        form.form.actions()
                .forEach(a -> actions.addObject()
                        .put("id", a)
                        .put("title", a)
                        .put("button_style", "default"));
        json.put("expiration_time", form.expiresAt);
        return json;
    }
}
