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
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Suggested questions, feedbacks, end users, workflow run detail and logs, annotations. */
class DifyAppRecordOperationsTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT)
            .answer("Camel routes messages.")
            .requireInputs("language");
    private static final SimulatedApp FLOW = simulator().createApp(AppMode.WORKFLOW).answer("done");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String bot = "user=jo&apiKey=" + BOT.apiKey();
                from("direct:chat").to("dify:chat?inputs.language=en&" + bot);
                from("direct:suggested").to("dify:suggestedQuestions?" + bot);
                from("direct:feedback").to("dify:messageFeedback?" + bot);
                from("direct:feedbacks").to("dify:listAppFeedbacks?apiKey=" + BOT.apiKey());
                from("direct:endUser").to("dify:getEndUser?apiKey=" + BOT.apiKey());
                String flow = "user=jo&apiKey=" + FLOW.apiKey();
                from("direct:run").to("dify:workflowRun?fullResponse=true&" + flow);
                from("direct:runDetail").to("dify:getWorkflowRun?apiKey=" + FLOW.apiKey());
                from("direct:logs").to("dify:listWorkflowLogs?limit=1&apiKey=" + FLOW.apiKey());
                from("direct:parameters").to("dify:getAppParameters?apiKey=" + BOT.apiKey());
                from("direct:site").to("dify:getAppSite?apiKey=" + BOT.apiKey());
                from("direct:replyJob").to("dify:annotationReply?apiKey=" + BOT.apiKey());
                from("direct:replyStatus").to("dify:annotationReplyStatus?apiKey=" + BOT.apiKey());
                String annotations = "apiKey=" + BOT.apiKey();
                from("direct:createAnnotation").to("dify:createAnnotation?" + annotations);
                from("direct:listAnnotations").to("dify:listAnnotations?" + annotations);
                from("direct:updateAnnotation").to("dify:updateAnnotation?" + annotations);
                from("direct:deleteAnnotation").to("dify:deleteAnnotation?" + annotations);
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void suggestionsFeedbacksAndTheEndUserOfAnAnswer() {
        Exchange chat = send("direct:chat", "What does Camel do?");
        Object messageId = chat.getMessage().getHeader(DifyConstants.MESSAGE_ID);

        Map<String, Object> suggested = send("direct:suggested", null, DifyConstants.MESSAGE_ID, messageId)
                .getMessage()
                .getBody(Map.class);
        assertThat((List<String>) suggested.get("data")).hasSize(3).first().asString().contains("What does Camel do?");

        send("direct:feedback", Map.of("rating", "dislike", "content", "too short"), DifyConstants.MESSAGE_ID,
                messageId);
        List<Map<String, Object>> feedbacks = (List<Map<String, Object>>) send("direct:feedbacks", null)
                .getMessage()
                .getBody(Map.class)
                .get("data");
        Map<String, Object> feedback = feedbacks.stream()
                .filter(f -> messageId.equals(f.get("message_id")))
                .findFirst()
                .orElseThrow();
        assertThat(feedback).containsEntry("rating", "dislike").containsEntry("content", "too short");

        Map<String, Object> endUser = send("direct:endUser", null, DifyConstants.PARAMETERS,
                Map.of("end_user_id", feedback.get("from_end_user_id"))).getMessage().getBody(Map.class);
        assertThat(endUser).containsEntry("session_id", "jo").containsEntry("type", "service_api");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorkflowRunCanBeLookedUpAndListed() {
        WorkflowRunResult first = send("direct:run", Map.of()).getMessage().getBody(WorkflowRunResult.class);
        send("direct:run", Map.of());

        Map<String, Object> detail = send("direct:runDetail", null, DifyConstants.WORKFLOW_RUN_ID,
                first.workflowRunId()).getMessage().getBody(Map.class);
        assertThat(detail).containsEntry("id", first.workflowRunId()).containsEntry("status", "succeeded");
        assertThat((Map<String, Object>) detail.get("outputs")).containsEntry("text", "done");

        Exchange logs = send("direct:logs", null);
        Map<String, Object> page = logs.getMessage().getBody(Map.class);
        assertThat((List<?>) page.get("data")).hasSize(1);
        assertThat(page.get("total")).isEqualTo(2);
        assertThat(logs.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(true);
        assertThat(logs.getMessage().getHeader(DifyConstants.NEXT_CURSOR)).isEqualTo("2");
        Exchange second = send("direct:logs", null, DifyConstants.PARAMETERS, Map.of("page", 2));
        assertThat(second.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAppsParametersDescribeItsInputFormAndSiteSettings() {
        Map<String, Object> parameters = send("direct:parameters", null).getMessage().getBody(Map.class);
        List<Map<String, Map<String, Object>>> form = (List<Map<String, Map<String, Object>>>) parameters
                .get("user_input_form");
        assertThat(form).singleElement()
                .satisfies(field -> assertThat(field.get("text-input"))
                        .containsEntry("variable", "language")
                        .containsEntry("required", true));
        assertThat((Map<String, Object>) parameters.get("system_parameters")).containsEntry("file_size_limit", 15);

        assertThat(send("direct:site", null).getMessage().getBody(Map.class)).containsKeys("title", "icon",
                "default_language");
    }

    @Test
    void annotationReplyIsEnabledAsAJob() {
        Map<?, ?> job = send("direct:replyJob", Map.of("embedding_provider_name", "openai", "embedding_model_name",
                "text-embedding-3-small", "score_threshold", 0.9), DifyConstants.PARAMETERS,
                Map.of("action",
                        "enable"))
                .getMessage()
                .getBody(Map.class);
        assertThat(job.get("job_status")).isEqualTo("waiting");

        Map<?, ?> status = send("direct:replyStatus", null, DifyConstants.PARAMETERS, Map.of("action", "enable",
                "job_id", job.get("job_id"))).getMessage().getBody(Map.class);
        assertThat(status.get("job_status")).isEqualTo("completed");
    }

    /** A typed request body: written with Dify's snake_case names. */
    record AnnotationRequest(String question, String answer) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRequestBodyCanBeATypedObjectOrJsonTextButNotSomethingElse() {
        Map<String, Object> typed = send("direct:createAnnotation", new AnnotationRequest("Parking?", "Level -2"))
                .getMessage()
                .getBody(Map.class);
        assertThat(typed).containsEntry("question", "Parking?").containsEntry("answer", "Level -2");
        Map<String, Object> json = send("direct:createAnnotation", "{\"question\":\"Wifi?\",\"answer\":\"guest\"}")
                .getMessage()
                .getBody(Map.class);
        assertThat(json).containsEntry("question", "Wifi?");
        int sent = simulator().requests("POST", "/apps/annotations").size();

        Exception wrong = send("direct:createAnnotation", 42).getException();

        assertThat(wrong).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("createAnnotation")
                .hasMessageContaining("the body must be the request's fields");
        assertThat(simulator().requests("POST", "/apps/annotations")).hasSize(sent);
    }

    @Test
    @SuppressWarnings("unchecked")
    void annotationsAreCreatedListedUpdatedAndDeleted() {
        Map<String, Object> created = send("direct:createAnnotation",
                Map.of("question", "Opening hours?", "answer", "9 to 5")).getMessage().getBody(Map.class);
        Object id = created.get("id");
        assertThat(created).containsEntry("question", "Opening hours?");

        Map<String, Object> updated = send("direct:updateAnnotation", Map.of("question", "Opening hours?",
                "answer", "8 to 6"), DifyConstants.PARAMETERS, Map.of("annotation_id", id)).getMessage()
                .getBody(Map.class);
        assertThat(updated).containsEntry("answer", "8 to 6");

        List<Map<String, Object>> listed = (List<Map<String, Object>>) send("direct:listAnnotations", null,
                DifyConstants.PARAMETERS, Map.of("keyword", "hours")).getMessage().getBody(Map.class).get("data");
        assertThat(listed).extracting(a -> a.get("id")).containsExactly(id);

        Exchange deleted = send("direct:deleteAnnotation", null, DifyConstants.PARAMETERS, Map.of("annotation_id", id));
        assertThat(deleted.getException()).isNull();
        DifyException again = send("direct:deleteAnnotation", null, DifyConstants.PARAMETERS,
                Map.of("annotation_id", id)).getException(DifyException.class);
        assertThat(again.getHttpStatus()).isEqualTo(404);
    }
}
