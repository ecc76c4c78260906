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

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.protocol.DifyClient;
import org.apache.camel.component.dify.protocol.api.DifyApi;
import org.apache.camel.component.dify.protocol.api.DifyCall;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code from("dify:workflowRuns")}: every finished run of a Workflow app, once, read from its workflow logs
 * ({@code GET /workflows/logs}, newest first, filtered with {@code created_at__after}): the runs the Service API
 * started and those Dify's own triggers (schedule, plugin, webhook; Dify 1.10+) started, which nothing else shows.
 * <p>
 * Each poll reads the logs from a watermark: the creation time of the oldest run still going, or else of the newest
 * run seen. Runs are remembered once delivered (in the idempotentRepository when one is set, so a restart delivers
 * none twice; else in memory), so a run created before the watermark's second is still delivered once.
 */
public class DifyWorkflowLogConsumer extends DefaultConsumer {

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "stopped", "partial-succeeded");
    private static final int PAGE = 100;

    private final Set<String> statuses;
    private final Set<String> triggers;
    // in-memory memory of delivered runs without a repository: run id -> created_at, pruned below the watermark
    private final Map<String, Long> delivered = new HashMap<>();
    private ScheduledExecutorService executor;
    private long watermark;

    public DifyWorkflowLogConsumer(DifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        DifyConfiguration config = endpoint.getConfiguration();
        this.statuses = EventExchanges.filter(config.getRunStatus());
        this.triggers = EventExchanges.filter(config.getTriggeredFrom());
    }

    @Override
    public DifyEndpoint getEndpoint() {
        return (DifyEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DifyConfiguration config = getEndpoint().getConfiguration();
        config.requireApiKey("dify:workflowRuns", "the Workflow app's key");
        if (config.getPollInterval() < 1) {
            throw new IllegalArgumentException("The option pollInterval is " + config.getPollInterval()
                    + ": it must be 1 or more");
        }
        IdempotentRepository repository = config.getIdempotentRepository();
        // started like Camel's idempotent consumer starts its repository; left running, as it outlives the route
        ServiceHelper.startService(repository);
        long now = System.currentTimeMillis() / 1000;
        watermark = repository == null ? now : now - config.getLookback() / 1000;
        executor = getEndpoint().getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "DifyWorkflowRuns");
        executor.scheduleWithFixedDelay(this::pollSafely, 0, config.getPollInterval(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        super.doStop();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (Exception e) {
            getExceptionHandler().handleException("Could not read the Dify workflow logs", e);
        }
    }

    /** Reads the logs since the watermark, page by page, and delivers the finished runs not delivered yet. */
    void poll() throws InterruptedException, ExecutionException {
        DifyConfiguration config = getEndpoint().getConfiguration();
        DifyClient client = getEndpoint().getClient();
        DifyCall logs = DifyCall.to(DifyApi.listWorkflowLogs, "workflowRuns")
                .apiKey(config.getApiKey())
                .query("limit", String.valueOf(PAGE))
                .query("created_at__after", Instant.ofEpochSecond(watermark).toString());
        if (statuses != null && statuses.size() == 1) {
            logs = logs.query("status", statuses.iterator().next());
        }
        List<Map<?, ?>> finished = new ArrayList<>();
        long oldestRunning = Long.MAX_VALUE;
        long newest = watermark;
        for (int page = 1; isRunAllowed(); page++) {
            Map<?, ?> answer = (Map<?, ?>) client.send(logs.query("page", String.valueOf(page))).get();
            for (Object item : (List<?>) answer.get("data")) {
                Map<?, ?> log = (Map<?, ?>) item;
                Map<?, ?> run = (Map<?, ?>) log.get("workflow_run");
                long createdAt = number(run.get("created_at"), number(log.get("created_at"), watermark));
                newest = Math.max(newest, createdAt);
                if (FINISHED.contains(String.valueOf(run.get("status")))) {
                    finished.add(log);
                } else {
                    oldestRunning = Math.min(oldestRunning, createdAt);
                }
            }
            if (!Boolean.TRUE.equals(answer.get("has_more"))) {
                break;
            }
        }
        // oldest first, the order they happened in
        for (int i = finished.size() - 1; i >= 0 && isRunAllowed(); i--) {
            deliver(finished.get(i));
        }
        watermark = Math.min(oldestRunning, newest);
        delivered.values().removeIf(createdAt -> createdAt < watermark);
    }

    private void deliver(Map<?, ?> log) throws InterruptedException, ExecutionException {
        DifyConfiguration config = getEndpoint().getConfiguration();
        Map<?, ?> run = (Map<?, ?>) log.get("workflow_run");
        String runId = String.valueOf(run.get("id"));
        String status = String.valueOf(run.get("status"));
        String trigger = run.get("triggered_from") == null ? null : String.valueOf(run.get("triggered_from"));
        IdempotentRepository repository = config.getIdempotentRepository();
        if (repository != null ? repository.contains(runId) : delivered.containsKey(runId)) {
            return;
        }
        boolean wanted = (statuses == null || statuses.contains(status))
                && (triggers == null || trigger != null && triggers.contains(trigger));
        Object body = log;
        if (wanted && config.isFetchRunDetail()) {
            body = getEndpoint().getClient()
                    .send(DifyCall.to(DifyApi.getWorkflowRun, "workflowRuns")
                            .apiKey(config.getApiKey())
                            .path("workflow_run_id", runId))
                    .get();
        }
        if (wanted) {
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(DifyConstants.WORKFLOW_RUN_ID, runId);
            exchange.getMessage().setHeader(DifyConstants.WORKFLOW_STATUS, status);
            if (trigger != null) {
                exchange.getMessage().setHeader(DifyConstants.TRIGGERED_FROM, trigger);
            }
            if (!EventExchanges.processInOrder(this, exchange)) {
                return; // not remembered: the next poll delivers it again
            }
        }
        if (repository != null) {
            repository.add(runId);
        } else {
            delivered.put(runId, number(run.get("created_at"), watermark));
        }
    }

    private static long number(Object value, long absent) {
        return value instanceof Number n ? n.longValue() : absent;
    }
}
