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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.trigger.WebhookRuns;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code from("dify:workflowRuns")}: every finished run of a Workflow app, once, read from its workflow logs
 * ({@code GET /workflows/logs}, newest first, filtered with {@code created_at__after}): the runs the Service API
 * started and those Dify's own triggers (schedule, plugin, webhook; Dify 1.10+) started, which nothing else shows.
 * <p>
 * Each poll reads the logs from a watermark: the creation time of the oldest run still going, or else of the newest
 * run seen. Runs are remembered once delivered (in the idempotentRepository when one is set, so a restart delivers
 * none twice; else in memory), so a run created before the watermark's second is still delivered once.
 * <p>
 * A {@link ScheduledPollConsumer}: Camel's scheduler options ({@code delay}, default 5 s here; {@code initialDelay},
 * {@code backoffMultiplier}, {@code backoffIdleThreshold}, {@code backoffErrorThreshold}, {@code scheduler},
 * {@code pollStrategy}, ...) decide when it polls. No thread waits for Dify or for the route: a poll starts the read of
 * the logs and returns; pages and details are read asynchronously, and the runs go through the route one after the
 * other, each continuing the read when its exchange completes. While a read is still going, a poll starts none. The
 * next poll reports how many runs the finished read delivered (what {@code backoffIdleThreshold} and
 * {@code sendEmptyMessageWhenIdle} count) or throws its failure (what {@code backoffErrorThreshold} and the poll
 * strategy see).
 */
public class DifyWorkflowRunsConsumer extends ScheduledPollConsumer {

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "stopped", "partial-succeeded");

    private final Set<String> statuses;
    private final Set<String> triggers;
    // in-memory memory of delivered runs without a repository: run id -> created_at, pruned below the watermark
    private final Map<String, Long> delivered = new ConcurrentHashMap<>();
    private volatile long watermark;
    // the read the last poll started; the next poll reports its outcome
    private CompletableFuture<Integer> reading;

    public DifyWorkflowRunsConsumer(DifyEndpoint endpoint, Processor processor) {
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
        DifyConfiguration config = getEndpoint().getConfiguration();
        config.requireApiKey("dify:workflowRuns", "the Workflow app's key");
        IdempotentRepository repository = config.getIdempotentRepository();
        // started like Camel's idempotent consumer starts its repository; left running, as it outlives the route
        ServiceHelper.startService(repository);
        long now = System.currentTimeMillis() / 1000;
        watermark = repository == null ? now : now - config.getLookback() / 1000;
        reading = null;
        super.doStart();
    }

    @Override
    protected synchronized int poll() throws Exception {
        CompletableFuture<Integer> last = reading;
        if (last != null && !last.isDone()) {
            return 0; // the previous read goes on: one at a time, so runs keep their order
        }
        reading = read();
        if (last == null) {
            return 0;
        }
        try {
            return last.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** What one poll found: the finished runs, newest first, and the times that move the watermark. */
    private final class Scan {

        final List<Map<?, ?>> finished = new ArrayList<>();
        long oldestRunning = Long.MAX_VALUE;
        long newest = watermark;

        /** Takes in a page; answers whether there are more. */
        boolean add(Map<?, ?> answer) {
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
            return Boolean.TRUE.equals(answer.get("has_more"));
        }
    }

    /**
     * Reads the logs since the watermark, page by page, and delivers the finished runs not delivered yet; completes with
     * how many it delivered.
     */
    private CompletableFuture<Integer> read() {
        DifyCall logs = WebhookRuns.logsSince("workflowRuns", getEndpoint().getConfiguration().getApiKey(), watermark);
        if (statuses != null && statuses.size() == 1) {
            logs = logs.query("status", statuses.iterator().next());
        }
        Scan scan = new Scan();
        // oldest first, the order they happened in
        AtomicInteger count = new AtomicInteger();
        return readPages(logs, 1, scan)
                .thenCompose(read -> deliverFrom(scan.finished, scan.finished.size() - 1, count))
                .thenApply(done -> {
                    watermark = Math.min(scan.oldestRunning, scan.newest);
                    delivered.values().removeIf(createdAt -> createdAt < watermark);
                    return count.get();
                });
    }

    private CompletableFuture<Void> readPages(DifyCall logs, int page, Scan scan) {
        if (!isRunAllowed()) {
            return CompletableFuture.completedFuture(null);
        }
        return getEndpoint().client()
                .send(logs.query("page", String.valueOf(page)))
                .thenCompose(answer -> scan.add((Map<?, ?>) answer) ? readPages(logs, page + 1, scan)
                        : CompletableFuture.completedFuture(null));
    }

    /**
     * Delivers {@code finished[from]}, then the ones before it, one exchange at a time. A run whose route completed at
     * once is followed by the next in this loop; one whose route or detail call goes on asynchronously resumes the loop
     * when it completes, so neither a thread waits nor the stack grows with the number of runs.
     */
    private CompletableFuture<Void> deliverFrom(List<Map<?, ?>> finished, int from, AtomicInteger count) {
        DifyConfiguration config = getEndpoint().getConfiguration();
        for (int i = from; i >= 0 && isRunAllowed(); i--) {
            Map<?, ?> log = finished.get(i);
            Map<?, ?> run = (Map<?, ?>) log.get("workflow_run");
            String runId = String.valueOf(run.get("id"));
            if (config.getIdempotentRepository() != null
                    ? config.getIdempotentRepository().contains(runId)
                    : delivered.containsKey(runId)) {
                continue;
            }
            String status = String.valueOf(run.get("status"));
            String trigger = run.get("triggered_from") == null ? null : String.valueOf(run.get("triggered_from"));
            if (!(statuses == null || statuses.contains(status))
                    || !(triggers == null || trigger != null && triggers.contains(trigger))) {
                remember(runId, run);
                continue;
            }
            int next = i - 1;
            if (config.isFetchRunDetail()) {
                return getEndpoint().client()
                        .send(DifyCall.to(DifyApi.getWorkflowRun, "workflowRuns")
                                .apiKey(config.getApiKey())
                                .path("workflow_run_id", runId))
                        .thenCompose(detail -> process(runId, run, status, trigger, detail, count))
                        .thenCompose(processed -> deliverFrom(finished, next, count));
            }
            CompletableFuture<Void> processed = process(runId, run, status, trigger, log, count);
            if (!processed.isDone()) {
                return processed.thenCompose(done -> deliverFrom(finished, next, count));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    // the route's exchange for one run; the run is remembered only when the route succeeded, so a failed one comes
    // again with the next poll
    private CompletableFuture<Void> process(
            String runId, Map<?, ?> run, String status, String trigger, Object body, AtomicInteger count) {
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(body);
        exchange.getMessage().setHeader(DifyConstants.WORKFLOW_RUN_ID, runId);
        exchange.getMessage().setHeader(DifyConstants.WORKFLOW_STATUS, status);
        if (trigger != null) {
            exchange.getMessage().setHeader(DifyConstants.TRIGGERED_FROM, trigger);
        }
        return EventExchanges.processAsync(this, exchange, "Error processing a Dify workflow run")
                .thenAccept(succeeded -> {
                    count.incrementAndGet();
                    if (succeeded) {
                        remember(runId, run);
                    }
                });
    }

    private void remember(String runId, Map<?, ?> run) {
        IdempotentRepository repository = getEndpoint().getConfiguration().getIdempotentRepository();
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
