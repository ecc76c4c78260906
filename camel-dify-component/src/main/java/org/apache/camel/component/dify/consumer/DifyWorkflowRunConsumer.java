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

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.DifyException;
import org.apache.camel.component.dify.protocol.api.Delivery;
import org.apache.camel.component.dify.protocol.api.DifyApi;
import org.apache.camel.component.dify.protocol.api.DifyCall;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.component.dify.protocol.model.DifyJson;
import org.apache.camel.component.dify.protocol.stream.DifyEventIterator;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.task.ForegroundTask;
import org.apache.camel.support.task.Tasks;
import org.apache.camel.support.task.budget.Budgets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("dify:workflowEvents?workflowRunId=...")}: attaches to a Workflow or Chatflow run that is already going
 * ({@code GET /workflow/{id}/events}) and turns each of its events into an exchange, in order, until the run's
 * terminal event. When the connection drops, it reconnects through the same endpoint with
 * {@code include_state_snapshot=true} and skips the node events it already delivered, so each arrives once.
 * <p>
 * Following never stops the run. Events Dify publishes while no connection is open and that the snapshot does not
 * replay (text chunks, for instance) are not recoverable; Dify does not keep them.
 */
public class DifyWorkflowRunConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DifyWorkflowRunConsumer.class);
    private static final ObjectMapper MAPPER = DifyJson.newMapper();

    private final Set<String> filter;
    private final Set<String> delivered = new HashSet<>();
    private ScheduledExecutorService executor;
    private volatile DifyEventIterator current;
    private boolean runOver;
    private boolean progressed;
    private boolean reconnecting;
    private Throwable lastFailure;

    public DifyWorkflowRunConsumer(DifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.filter = EventExchanges.filter(endpoint.getConfiguration().getEventTypes());
    }

    @Override
    public DifyEndpoint getEndpoint() {
        return (DifyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DifyConfiguration config = getEndpoint().getConfiguration();
        if (config.getWorkflowRunId() == null || config.getWorkflowRunId().isBlank()) {
            throw new IllegalArgumentException("dify:workflowEvents as a consumer needs the option workflowRunId");
        }
        config.requireApiKey("dify:workflowEvents as a consumer", "the app's key");
        executor = getEndpoint().getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "DifyWorkflowEvents");
        executor.execute(this::followRun);
    }

    /**
     * Follows the run until its terminal event, reconnecting with Camel's task budget: up to maxReconnectAttempts
     * attempts reconnectDelay apart. A connection that delivered new events before it dropped starts a fresh budget,
     * so only consecutive failures count.
     */
    private void followRun() {
        DifyConfiguration config = getEndpoint().getConfiguration();
        while (isRunAllowed() && !runOver) {
            ForegroundTask task = Tasks.foregroundTask()
                    .withName("DifyWorkflowEvents")
                    .withBudget(Budgets.iterationBudget()
                            .withMaxIterations(config.getMaxReconnectAttempts() + 1)
                            .withInitialDelay(reconnecting ? Duration.ofMillis(config.getReconnectDelay())
                                    : Duration.ZERO)
                            .withInterval(Duration.ofMillis(config.getReconnectDelay()))
                            .build())
                    .build();
            boolean ended = task.run(getEndpoint().getCamelContext(), this::followOnce);
            if (!ended && isRunAllowed()) {
                getExceptionHandler().handleException("Gave up following the Dify workflow run after "
                        + config.getMaxReconnectAttempts() + " reconnects",
                        lastFailure);
                return;
            }
        }
    }

    /**
     * One connection: delivers its events. Answers true when the task is done: the run is over (terminal event, or
     * a failure that reconnecting cannot mend) or the connection made progress before it dropped (the caller starts a
     * fresh budget); false to try again within the budget.
     */
    private boolean followOnce() {
        DifyConfiguration config = getEndpoint().getConfiguration();
        boolean snapshot = config.isIncludeStateSnapshot() || reconnecting;
        progressed = false;
        DifyCall follow = DifyCall.to(DifyApi.workflowEvents, "workflowEvents")
                .apiKey(config.getApiKey())
                .path("workflow_run_id", config.getWorkflowRunId())
                .user(config.getUser())
                .query("include_state_snapshot", snapshot)
                .query("continue_on_pause", config.isContinueOnPause());
        try (DifyEventIterator events = getEndpoint().getClient()
                .stream(follow, Delivery.events(config.getEventBufferSize()))
                .get()) {
            current = events;
            long index = 0;
            while (isRunAllowed() && events.hasNext()) {
                DifyStreamEvent event = events.next();
                String key = identity(event);
                if (key == null || delivered.add(key)) {
                    progressed = true;
                    if (EventExchanges.accepts(filter, event)) {
                        Exchange exchange = createExchange(true);
                        EventExchanges.fill(exchange, event, index, null);
                        EventExchanges.processInOrder(this, exchange);
                    }
                }
                index++;
            }
            if (!isRunAllowed() || events.isTerminated()) {
                runOver = true;
                return true;
            }
            return retry(new DifyException("workflowEvents", 200, DifyException.STREAM_INCOMPLETE,
                    "the stream ended before the run's terminal event", events.getProgress(), null));
        } catch (ExecutionException e) {
            return onFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runOver = true;
            return true;
        } catch (RuntimeException e) {
            return onFailure(e);
        }
    }

    private boolean onFailure(Throwable failure) {
        if (!isRunAllowed()) {
            runOver = true;
            return true;
        }
        if (failure instanceof DifyException dify && reconnectable(dify)) {
            return retry(dify);
        }
        runOver = true;
        if (failure instanceof DifyException dify && DifyException.WORKFLOW_FAILED.equals(dify.getCode())) {
            LOG.info("Workflow run {} failed: {}", getEndpoint().getConfiguration().getWorkflowRunId(),
                    dify.getDifyMessage()); // its events, including the failed workflow_finished, were delivered
        } else {
            getExceptionHandler().handleException("Cannot follow the Dify workflow run", failure);
        }
        return true;
    }

    private boolean retry(DifyException cause) {
        lastFailure = cause;
        reconnecting = true;
        LOG.debug("Reconnecting to workflow run {}: {}", getEndpoint().getConfiguration().getWorkflowRunId(),
                cause.getMessage());
        return progressed; // progress ends this budget and starts a fresh one
    }

    private static boolean reconnectable(DifyException e) {
        return switch (e.getCode() == null ? "" : e.getCode()) {
            case DifyException.STREAM_INCOMPLETE, DifyException.CONNECTION_FAILED, DifyException.TIMEOUT,
                    DifyException.STREAM_IDLE_TIMEOUT ->
                true;
            default -> e.getHttpStatus() >= 500;
        };
    }

    /**
     * What makes an event the same when a state snapshot replays it: node, iteration and loop events by their
     * execution id (and index or retry), run-level events by their content. Streamed text has no identity and is
     * never replayed, so it is never skipped.
     */
    static String identity(DifyStreamEvent event) {
        String name = event.getEvent();
        JsonNode json;
        try {
            json = MAPPER.readTree(event.getRawJson());
        } catch (Exception e) {
            return null;
        }
        JsonNode data = json.path("data");
        if (name.startsWith("node_") || name.startsWith("iteration_") || name.startsWith("loop_")) {
            return name + ':' + data.path("id").asText() + ':' + data.path("index").asText()
                    + ':' + data.path("retry_index").asText();
        }
        if (name.startsWith("workflow_") || name.startsWith("human_input_")) {
            return name + ':' + data.toString();
        }
        return null;
    }

    @Override
    protected void doStop() throws Exception {
        DifyEventIterator events = current;
        if (events != null) {
            events.close();
        }
        if (executor != null) {
            // closing the stream ends the delivery loop; the task's reconnect wait ends with the interrupt
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 5_000);
            executor = null;
        }
        super.doStop();
    }
}
