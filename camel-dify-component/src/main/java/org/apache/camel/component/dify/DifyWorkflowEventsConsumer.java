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

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.api.Delivery;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.stream.StreamedEvents;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("dify:workflowEvents?workflowRunId=...")}: attaches to a Workflow or Chatflow run that is already going
 * ({@code GET /workflow/{id}/events}) and turns each of its events into an exchange, in order, until the run's
 * terminal event. When the connection drops, it reconnects through the same endpoint with
 * {@code include_state_snapshot=true} and skips the node events it already delivered, so each arrives once.
 * <p>
 * No thread waits: the events are read as they arrive, on the component's completion executor, each through the
 * route before the next; a reconnect waits on the component's timer.
 * <p>
 * Following never stops the run. Events Dify publishes while no connection is open and that the snapshot does not
 * replay (text chunks, for instance) are not recoverable; Dify does not keep them.
 */
public class DifyWorkflowEventsConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DifyWorkflowEventsConsumer.class);
    private static final ObjectMapper MAPPER = DifyJson.newMapper();

    private final Set<String> filter;
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private volatile StreamedEvents current;
    private volatile boolean runOver;
    // consecutive connections that failed without delivering anything new: what maxReconnectAttempts bounds
    private volatile int failedConnections;
    private volatile boolean reconnecting;
    private volatile long index;

    public DifyWorkflowEventsConsumer(DifyEndpoint endpoint, Processor processor) {
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
        runOver = false;
        failedConnections = 0;
        reconnecting = false;
        connect();
    }

    /**
     * Opens one connection to the run's events; its events are then read as they arrive, on the component's
     * completion executor, without a thread waiting for them or for the route.
     */
    private void connect() {
        if (!isRunAllowed() || runOver) {
            return;
        }
        DifyConfiguration config = getEndpoint().getConfiguration();
        DifyCall follow = DifyCall.to(DifyApi.workflowEvents, "workflowEvents")
                .apiKey(config.getApiKey())
                .path("workflow_run_id", config.getWorkflowRunId())
                .user(config.getUser())
                .query("include_state_snapshot", config.isIncludeStateSnapshot() || reconnecting)
                .query("continue_on_pause", config.isContinueOnPause());
        getEndpoint().client()
                .stream(follow, Delivery.events(config.getEventBufferSize()))
                .whenComplete((events, error) -> {
                    if (error != null) {
                        onFailure(DifyErrors.causeOf(error), false);
                        return;
                    }
                    current = events;
                    if (!isRunAllowed()) {
                        events.close();
                        return;
                    }
                    read(events, false);
                });
    }

    /**
     * Delivers the events {@code events} holds now, one exchange after the other, and registers to be called again
     * when more arrive. A route that completes at once is followed by the next event in this loop; one that goes on
     * asynchronously resumes the reading when it completes.
     */
    private void read(StreamedEvents events, boolean progressedBefore) {
        boolean progressed = progressedBefore;
        try {
            while (isRunAllowed()) {
                if (!events.isReadable()) {
                    boolean soFar = progressed;
                    events.whenReadable(getEndpoint().client().completions(), () -> read(events, soFar));
                    return;
                }
                if (!events.hasNext()) {
                    ended(events, progressed);
                    return;
                }
                DifyStreamEvent event = events.next();
                String key = identity(event);
                long position = index++;
                if (key != null && !delivered.add(key)) {
                    continue; // replayed by a state snapshot: delivered before
                }
                progressed = true;
                if (!EventExchanges.accepts(filter, event)) {
                    continue;
                }
                CompletableFuture<Boolean> processed = process(event, position);
                if (!processed.isDone()) {
                    processed.thenRun(() -> read(events, true));
                    return;
                }
            }
            events.close();
        } catch (RuntimeException e) {
            events.close();
            onFailure(e, progressed);
        }
    }

    private CompletableFuture<Boolean> process(DifyStreamEvent event, long position) {
        Exchange exchange = createExchange(true);
        EventExchanges.fill(exchange, event, position, null);
        return EventExchanges.processAsync(this, exchange, "Error processing Dify event");
    }

    // the connection ended: the run is over at its terminal event, else the stream was cut and is followed again
    private void ended(StreamedEvents events, boolean progressed) {
        events.close();
        if (!isRunAllowed() || events.isTerminated()) {
            runOver = true;
            return;
        }
        onFailure(new DifyException("workflowEvents", 200, DifyException.STREAM_INCOMPLETE,
                "the stream ended before the run's terminal event", events.getProgress(), null), progressed);
    }

    /**
     * A connection failed or was cut. Reconnects reconnectDelay later with a state snapshot, up to
     * maxReconnectAttempts consecutive connections that brought nothing new; a failure that reconnecting cannot mend
     * ends the following.
     */
    private void onFailure(Throwable failure, boolean progressed) {
        if (!isRunAllowed()) {
            runOver = true;
            return;
        }
        DifyConfiguration config = getEndpoint().getConfiguration();
        if (failure instanceof DifyException dify && reconnectable(dify)) {
            failedConnections = progressed ? 0 : failedConnections + 1;
            if (failedConnections > config.getMaxReconnectAttempts()) {
                runOver = true;
                getExceptionHandler().handleException("Gave up following the Dify workflow run after "
                        + config.getMaxReconnectAttempts() + " reconnects",
                        failure);
                return;
            }
            reconnecting = true;
            LOG.debug("Reconnecting to workflow run {}: {}", config.getWorkflowRunId(), failure.getMessage());
            getEndpoint().client().after(config.getReconnectDelay()).thenRun(this::connect);
            return;
        }
        runOver = true;
        if (failure instanceof DifyException dify && DifyException.WORKFLOW_FAILED.equals(dify.getCode())) {
            LOG.info("Workflow run {} failed: {}", config.getWorkflowRunId(),
                    dify.getDifyMessage()); // its events, including the failed workflow_finished, were delivered
        } else {
            getExceptionHandler().handleException("Cannot follow the Dify workflow run", failure);
        }
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
        boolean node = name.startsWith("node_") || name.startsWith("iteration_") || name.startsWith("loop_");
        if (!node && !name.startsWith("workflow_") && !name.startsWith("human_input_")) {
            return null; // text and the like: nothing to read again
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(event.getRawJson());
        } catch (Exception e) {
            return null;
        }
        JsonNode data = json.path("data");
        if (node) {
            return name + ':' + data.path("id").asText() + ':' + data.path("index").asText()
                    + ':' + data.path("retry_index").asText();
        }
        return name + ':' + data.toString();
    }

    @Override
    protected void doStop() throws Exception {
        // closing the stream wakes the reading, which then sees the consumer stopped
        StreamedEvents events = current;
        if (events != null) {
            events.close();
        }
        super.doStop();
    }
}
