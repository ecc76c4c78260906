package org.apache.camel.component.dify.consumer;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.DifyException;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.component.dify.protocol.model.DifyJson;
import org.apache.camel.component.dify.protocol.stream.DifyEventIterator;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;
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
    private volatile boolean running;
    private int attempt;

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
        ServiceHelper.startService(getEndpoint()); // the endpoint owns the HTTP client
        DifyConfiguration config = getEndpoint().getConfiguration();
        if (config.getWorkflowRunId() == null || config.getWorkflowRunId().isBlank()) {
            throw new IllegalArgumentException("dify:workflowEvents as a consumer needs the option workflowRunId");
        }
        if (config.getApiKey() == null || config.getApiKey().isBlank()) {
            throw new IllegalArgumentException("dify:workflowEvents as a consumer needs the option apiKey");
        }
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "DifyWorkflowEvents");
        executor.execute(this::follow);
    }

    /** One connection: deliver its events; reconnect when it ends before the run's terminal event. */
    private void follow() {
        DifyConfiguration config = getEndpoint().getConfiguration();
        boolean snapshot = config.isIncludeStateSnapshot() || attempt > 0;
        try (DifyEventIterator events = getEndpoint().getClient().workflowEventStream(config.getApiKey(),
                config.getWorkflowRunId(), config.getUser(), snapshot, config.isContinueOnPause(),
                config.getEventBufferSize()).get()) {
            current = events;
            long index = 0;
            while (running && events.hasNext()) {
                DifyStreamEvent event = events.next();
                String key = identity(event);
                if (key == null || delivered.add(key)) {
                    if (EventExchanges.accepts(filter, event)) {
                        process(event, index);
                    }
                }
                index++;
            }
            if (running && !events.isTerminated()) {
                reconnect(new DifyException("workflowEvents", 200, DifyException.STREAM_INCOMPLETE,
                        "the stream ended before the run's terminal event", events.getProgress(), null));
            }
        } catch (java.util.concurrent.ExecutionException e) {
            onFailure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            onFailure(e);
        }
    }

    private void onFailure(Throwable failure) {
        if (!running) {
            return;
        }
        if (failure instanceof DifyException dify && reconnectable(dify)) {
            reconnect(dify);
        } else if (failure instanceof DifyException dify && DifyException.WORKFLOW_FAILED.equals(dify.getCode())) {
            LOG.info("Workflow run {} failed: {}", getEndpoint().getConfiguration().getWorkflowRunId(),
                    dify.getDifyMessage()); // its events, including the failed workflow_finished, were delivered
        } else {
            getExceptionHandler().handleException("Cannot follow the Dify workflow run", failure);
        }
    }

    private static boolean reconnectable(DifyException e) {
        return switch (e.getCode() == null ? "" : e.getCode()) {
            case DifyException.STREAM_INCOMPLETE, DifyException.CONNECTION_FAILED, DifyException.TIMEOUT,
                    DifyException.STREAM_IDLE_TIMEOUT -> true;
            default -> e.getHttpStatus() >= 500;
        };
    }

    private void reconnect(DifyException cause) {
        DifyConfiguration config = getEndpoint().getConfiguration();
        if (++attempt > config.getMaxReconnectAttempts()) {
            getExceptionHandler().handleException("Gave up following the Dify workflow run after " + (attempt - 1)
                                                  + " reconnects", cause);
            return;
        }
        LOG.debug("Reconnecting to workflow run {} (attempt {}): {}", config.getWorkflowRunId(), attempt,
                cause.getMessage());
        executor.schedule(this::follow, config.getReconnectDelay(), TimeUnit.MILLISECONDS);
    }

    private void process(DifyStreamEvent event, long index) {
        Exchange exchange = createExchange(true);
        try {
            EventExchanges.fill(exchange, event, index, null);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing Dify event", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
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
        running = false;
        DifyEventIterator events = current;
        if (events != null) {
            events.close();
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        super.doStop();
    }
}
