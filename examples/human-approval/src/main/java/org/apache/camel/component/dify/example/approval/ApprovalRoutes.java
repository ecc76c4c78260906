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
package org.apache.camel.component.dify.example.approval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.event.HumanInputRequiredData;
import org.apache.camel.component.dify.api.event.HumanInputRequiredEvent;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * Human approval in a Dify workflow, across queues, so the person can take hours and the routes hold nothing meanwhile:
 * <ol>
 * <li>a request on {@code requests} starts the workflow (input {@code request}); when the run pauses at its Human
 * Input node, the form goes to {@code reviews} as JSON ({@code request}, {@code workflowRunId}, {@code formToken},
 * {@code title},
 * {@code content}, {@code actions}, {@code inputs});</li>
 * <li>the reviewer (a person's UI, a mailbox bridge) answers on {@code decisions}: headers {@code formToken} and
 * {@code workflowRunId}, body {@code {"action": "approve", "inputs": {"comment": "..."}}};</li>
 * <li>the decision submits the form, the route follows the resumed run to its end, and its outputs go to
 * {@code outcomes} as JSON (header {@code workflowStatus}).</li>
 * </ol>
 */
public class ApprovalRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("jms:queue:requests").routeId("start-review")
                .setHeader("request", body())
                .process(e -> e.getMessage().setBody(Map.of("request", e.getMessage().getBody(String.class))))
                .to("dify:workflowRun?streamMode=events")
                .split(body())
                .streaming()
                .filter(body().isInstanceOf(HumanInputRequiredEvent.class))
                .process(ApprovalRoutes::reviewTask)
                .marshal()
                .json(JsonLibrary.Jackson)
                .to("jms:queue:reviews")
                .end();

        from("jms:queue:decisions").routeId("submit-decision")
                .setHeader(DifyConstants.FORM_TOKEN, header("formToken"))
                .setHeader(DifyConstants.WORKFLOW_RUN_ID, header("workflowRunId"))
                .unmarshal()
                .json(JsonLibrary.Jackson, Map.class)
                .to("dify:submitHumanInputForm")
                .to("dify:workflowEvents")
                .setHeader("workflowStatus", header(DifyConstants.WORKFLOW_STATUS))
                .marshal()
                .json(JsonLibrary.Jackson)
                .to("jms:queue:outcomes");
    }

    // what a reviewer needs to decide, and to answer
    private static void reviewTask(Exchange exchange) {
        HumanInputRequiredEvent required = exchange.getMessage().getBody(HumanInputRequiredEvent.class);
        HumanInputRequiredData form = required.getData();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("request", exchange.getMessage().getHeader("request"));
        task.put("workflowRunId", required.getWorkflowRunId());
        task.put("formToken", form.formToken());
        task.put("title", form.nodeTitle());
        task.put("content", form.formContent());
        task.put("actions", form.actions() == null ? List.of()
                : form.actions().stream().map(action -> action.get("id")).toList());
        task.put("inputs", form.inputs() == null ? List.of()
                : form.inputs().stream().map(input -> input.get("output_variable_name")).toList());
        exchange.getMessage().setHeader("formToken", form.formToken());
        exchange.getMessage().setHeader("workflowRunId", required.getWorkflowRunId());
        exchange.getMessage().setBody(task);
    }
}
