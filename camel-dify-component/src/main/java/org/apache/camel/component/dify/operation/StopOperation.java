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
        return List.of("POST /chat-messages/{task_id}/stop", "POST /completion-messages/{task_id}/stop", "POST /workflows/tasks/{task_id}/stop");
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
