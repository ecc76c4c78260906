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

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.RunPlans.Emit;
import org.apache.camel.component.dify.simulator.RunPlans.Pause;
import org.apache.camel.component.dify.simulator.RunPlans.Step;

/**
 * Plays a run's plan on a simulator thread, with the app's pacing, stop requests and Human Input pauses (publishing
 * the form, waiting for its submission or expiry, resuming), as Dify's worker runs a generation apart from the
 * request that started it.
 */
final class RunDriver {

    private final DifySimulator sim;
    private final ObjectMapper mapper;
    private final EventShapes shapes;

    RunDriver(DifySimulator sim, EventShapes shapes) {
        this.sim = sim;
        this.mapper = sim.mapper();
        this.shapes = shapes;
    }

    /** Runs the plan on a simulator thread, with the app's pacing, stop requests and Human Input pauses. */
    void drive(SimulatedRun run, List<Step> plan) {
        try {
            boolean first = true;
            for (Step step : plan) {
                if (!first && !run.app.pacing().isZero()) {
                    LockSupport.parkNanos(run.app.pacing().toNanos());
                }
                first = false;
                if (run.stopRequested()) {
                    publishStop(run);
                    return;
                }
                if (step instanceof Emit emit) {
                    if (emit.delta() != null) {
                        run.appendAnswer(emit.delta());
                    }
                    run.publish(afterReview(run, emit.event()));
                } else if (step instanceof Pause pause && !pauseForHumanInput(run, pause.form())) {
                    publishStop(run);
                    return;
                }
            }
        } finally {
            run.end();
        }
    }

    // the events planned before the pause carry the outputs of the unreviewed run: a reviewed run ends with its own
    private ObjectNode afterReview(SimulatedRun run, ObjectNode event) {
        if (!run.outputsReviewed || !(event.get("data") instanceof ObjectNode data)) {
            return event;
        }
        String name = event.path("event").asText();
        if (name.equals("workflow_finished") || name.equals("node_finished") && data.path("node_id")
                .asText()
                .equals("end")) {
            data.set("outputs", mapper.valueToTree(run.outputs));
        }
        return event;
    }

    /** Publishes the pause, waits for the form; false when the run was stopped meanwhile. */
    boolean pauseForHumanInput(SimulatedRun run, HumanInputForm form) {
        String token = sim.token();
        State.FormState state = new State.FormState(token, run, form);
        sim.state().forms.put(token, state);
        ObjectNode required = mapper.createObjectNode()
                .put("form_id", state.formId)
                .put("node_id", "human_input")
                .put("node_title", form.title())
                .put("form_content", form.content());
        ArrayNode inputs = required.putArray("inputs");
        form.inputNames()
                .forEach(n -> inputs.addObject()
                        .put("type", "paragraph")
                        .put("output_variable_name", n)
                        .putNull("default"));
        ArrayNode actions = required.putArray("actions");
        form.actions().forEach(a -> actions.addObject().put("id", a).put("title", a).put("button_style", "default"));
        required.put("display_in_ui", true).put("form_token", token);
        required.putArray("approval_channels").add("webapp");
        required.putObject("resolved_default_values");
        required.put("expiration_time", state.expiresAt);
        run.publish(EventShapes.withData(shapes.envelope(run, "human_input_required"), required));
        ObjectNode paused = mapper.createObjectNode().put("workflow_run_id", run.workflowRunId);
        paused.putArray("paused_nodes").add("human_input");
        paused.putObject("outputs");
        ObjectNode reason = paused.putArray("reasons")
                .addObject()
                .put("type", "human_input_required")
                .put("form_id", state.formId)
                .put("node_id", "human_input")
                .put("node_title", form.title())
                .put("form_token", token)
                .put("expiration_time", state.expiresAt);
        reason.put("form_content", form.content());
        paused.put("status", "paused")
                .put("created_at", run.createdAt)
                .put("elapsed_time", run.elapsedSeconds())
                .put("total_tokens", run.totalTokens())
                .put("total_steps", 2);
        run.publish(EventShapes.withData(shapes.envelope(run, "workflow_paused"), paused));
        SimulatedRun.FormSubmission submission;
        try {
            submission = run.awaitForm().get(form.expiresAfter().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ObjectNode timeout = mapper.createObjectNode()
                    .put("node_id", "human_input")
                    .put("node_title", form.title())
                    .put("expiration_time", state.expiresAt);
            run.publish(EventShapes.withData(shapes.envelope(run, "human_input_form_timeout"), timeout));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false; // stopped while paused
        }
        Map<String, Object> reviewed = run.app.outputsAfterReview(run.prompt, submission.action(),
                submission.inputs(), run.outputs);
        if (reviewed != run.outputs) {
            run.outputs = reviewed;
            run.outputsReviewed = true;
        }
        ObjectNode resumed = shapes.workflowStartedData(run).put("reason", "resumption");
        run.publish(EventShapes.withData(shapes.envelope(run, "workflow_started"), resumed));
        ObjectNode filled = mapper.createObjectNode()
                .put("node_id", "human_input")
                .put("node_title", form.title())
                .put("rendered_content", form.content())
                .put("action_id", submission.action())
                .put("action_text", submission.action());
        filled.set("submitted_data", mapper.valueToTree(submission.inputs()));
        run.publish(EventShapes.withData(shapes.envelope(run, "human_input_form_filled"), filled));
        return true;
    }

    /** How a stopped run ends (Dify docs /en/api-reference/chat-messages/stop-chat-message-generation). */
    void publishStop(SimulatedRun run) {
        if (run.app.mode().runsWorkflow()) {
            run.publish(EventShapes.withData(shapes.envelope(run, "workflow_finished"),
                    shapes.workflowFinishedData(run, "stopped", Map.of(), "Stopped by user.")));
        }
        if (run.app.mode() != AppMode.WORKFLOW) {
            run.publish(shapes.messageEnd(run));
        }
    }
}
