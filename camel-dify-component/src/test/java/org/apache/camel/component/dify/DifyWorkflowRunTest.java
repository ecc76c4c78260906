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

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DifyWorkflowRunTest extends DifyTestSupport {

    private static final SimulatedApp WORKFLOW = simulator().createApp(AppMode.WORKFLOW)
            .requireInputs("document")
            .workflowOutputs(p -> Map.of("summary", "Summary of " + p.inputs().get("document"),
                    "lang", String.valueOf(p.inputs().get("lang"))));

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:run").to("dify:workflowRun?inputs.lang=en&apiKey=" + WORKFLOW.apiKey());
                from("direct:blocking").to("dify:workflowRun?delivery=blocking&apiKey=" + WORKFLOW.apiKey());
                from("direct:version").to("dify:workflowRun?workflowId=" + WORKFLOW.workflowId() + "&apiKey="
                        + WORKFLOW.apiKey());
                from("direct:full").to("dify:workflowRun?fullResponse=true&apiKey=" + WORKFLOW.apiKey());
            }
        };
    }

    @Test
    void aStreamedRunReturnsTheOutputsMapAndMergesUriInputs() {
        Exchange exchange = send("direct:run", Map.of("document", "report.pdf"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class))
                .containsEntry("summary", "Summary of report.pdf")
                .containsEntry("lang", "en");
        assertThat(exchange.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.TASK_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
        assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_TOKENS, Long.class)).isPositive();
        RecordedRequest request = last("/workflows/run");
        assertThat(request.jsonText("response_mode")).isEqualTo("streaming");
        assertThat(request.json().get("inputs").get("lang").asText()).isEqualTo("en");
    }

    @Test
    void aBlockingRunReturnsTheSameOutputs() {
        Exchange exchange = send("direct:blocking", Map.of("document", "a.txt", "lang", "de"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("summary", "Summary of a.txt")
                .containsEntry("lang", "de");
        assertThat(exchange.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
        assertThat(last("/workflows/run").jsonText("response_mode")).isEqualTo("blocking");
    }

    @Test
    void theInputsHeaderWinsOverBodyAndOptions() {
        Exchange exchange = send("direct:run", Map.of("document", "body.txt", "lang", "fr"),
                DifyConstants.INPUTS, Map.of("lang", "it"));

        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("lang", "it")
                .containsEntry("summary", "Summary of body.txt");
    }

    @Test
    void workflowIdRunsThatVersion() {
        Exchange exchange = send("direct:version", Map.of("document", "v.txt"));

        assertThat(exchange.getException()).isNull();
        assertThat(simulator().requests("POST", "/workflows/" + WORKFLOW.workflowId() + "/run")).isNotEmpty();
    }

    @Test
    void aMissingRequiredInputFailsInsideTheStreamAsDifyDoes() {
        DifyException error = send("direct:run", Map.of()).getException(DifyException.class);

        assertThat(error.getCode()).isEqualTo(DifyException.WORKFLOW_FAILED);
        assertThat(error.getDifyMessage()).isEqualTo("document is required in input form");
    }

    @Test
    void aMissingRequiredInputIs400WhenBlocking() {
        DifyException error = send("direct:blocking", Map.of()).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("invalid_param");
    }

    @Test
    void aFailedRunFailsTheExchangeInBothModes() {
        WORKFLOW.failNext(new Fault.WorkflowFailure("LLM node failed: model overloaded"));
        DifyException streamed = send("direct:run", Map.of("document", "x")).getException(DifyException.class);
        WORKFLOW.failNext(new Fault.WorkflowFailure("LLM node failed: model overloaded"));
        DifyException blocking = send("direct:blocking", Map.of("document", "x")).getException(DifyException.class);

        for (DifyException error : new DifyException[]{streamed, blocking}) {
            assertThat(error.getCode()).isEqualTo(DifyException.WORKFLOW_FAILED);
            assertThat(error.getDifyMessage()).isEqualTo("LLM node failed: model overloaded");
            assertThat(error.getProgress().workflowRunId()).isNotBlank();
        }
    }

    @Test
    void fullResponseGivesTheTypedRun() {
        WorkflowRunResult result = send("direct:full", Map.of("document", "d")).getMessage()
                .getBody(WorkflowRunResult.class);

        assertThat(result.data().status()).isEqualTo("succeeded");
        assertThat(result.data().outputs()).containsKey("summary");
        assertThat(result.data().additionalProperties()).containsKey("created_by");
    }

    private static RecordedRequest last(String path) {
        var requests = simulator().requests("POST", path);
        return requests.get(requests.size() - 1);
    }
}
