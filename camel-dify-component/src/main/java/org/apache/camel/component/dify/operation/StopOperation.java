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
package org.apache.camel.component.dify.operation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.DifyClient.TaskType;

/**
 * {@code stop}: stops a running chat, completion or workflow task (option {@code taskType}); the task id comes from
 * the header {@code CamelDifyTaskId}, and {@code user} must be the one that started it (Dify silently ignores other
 * users' chat and completion tasks). Body out: Dify's answer, {@code {result=success}}. The running stream then ends
 * normally ({@code message_end}, or {@code workflow_finished} with status {@code stopped}).
 */
public final class StopOperation implements DifyOperationHandler<Map<String, Object>> {

    @Override
    public List<String> endpoints() {
        return List.of("POST /chat-messages/{task_id}/stop", "POST /completion-messages/{task_id}/stop",
                "POST /workflows/tasks/{task_id}/stop");
    }

    @Override
    public CompletableFuture<Map<String, Object>> start(DifyEndpoint endpoint, Exchange exchange) {
        ExchangeInputs in = new ExchangeInputs("stop", endpoint, exchange);
        String taskId = ExchangeInputs.firstNonBlank(in.header(DifyConstants.TASK_ID));
        if (taskId == null) {
            throw in.invalid("no task: set the header " + DifyConstants.TASK_ID
                    + " to the task id of the running generation");
        }
        TaskType type = in.configuration().getTaskType().protocolType();
        return endpoint.getClient().stop(in.apiKey(), type, taskId, in.user());
    }

    @Override
    public void complete(DifyEndpoint endpoint, Exchange exchange, Map<String, Object> result) {
        exchange.getMessage().setBody(result);
    }
}
