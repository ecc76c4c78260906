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

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("dify:events")}: one exchange per event of every stream that the component's producers run, in stream
 * order, filtered by {@code eventTypes}. Events wait in a bounded queue for the consumer's single worker thread; when
 * it is full, the streams that feed it stop reading until it has room ({@code overflowPolicy=wait}) or fail
 * ({@code fail}). The hand-off never makes the I/O thread wait, so a slow consumer route never holds up other calls.
 * <p>
 * It follows Camel's lifecycle like the SEDA consumer: the worker runs while {@link #isRunAllowed()}, each event goes
 * through the asynchronous processor (one at a time, so the order holds), and on a graceful shutdown the consumer
 * ({@link ShutdownAware}) stops taking new events and delivers what is queued before it stops.
 */
public class DifyEventConsumer extends DefaultConsumer implements ShutdownAware {

    private static final Logger LOG = LoggerFactory.getLogger(DifyEventConsumer.class);

    private final DifyEventHub hub;
    private final Set<String> filter;
    private final int capacity;
    private final boolean failWhenFull;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private ExecutorService worker;
    private volatile boolean accepting;
    private volatile boolean delivering;

    private record Pending(DifyStreamEvent event, long index, String correlationId) {
    }

    public DifyEventConsumer(DifyEndpoint endpoint, Processor processor, DifyEventHub hub) {
        super(endpoint, processor);
        this.hub = hub;
        this.filter = EventExchanges.filter(endpoint.getConfiguration().getEventTypes());
        this.capacity = Math.max(1, endpoint.getConfiguration().getEventQueueSize());
        this.failWhenFull = endpoint.getConfiguration().getOverflowPolicy() == DifyOverflowPolicy.fail;
    }

    @Override
    public DifyEndpoint getEndpoint() {
        return (DifyEndpoint) super.getEndpoint();
    }

    void offer(DifyStreamEvent event, long index, String correlationId) {
        if (!accepting || !EventExchanges.accepts(filter, event)) {
            return;
        }
        if (failWhenFull && queue.size() >= capacity) {
            throw new DifyException("events", 200, "consumer_overflow", "the dify:events consumer's queue of "
                    + capacity + " events is full");
        }
        // never waits: this runs on the I/O thread. A full queue pauses the stream's reading (accepting() turns
        // false); what HttpCore had already read is kept, at most about one read window per stream
        queue.add(new Pending(event, index, correlationId));
    }

    boolean accepting() {
        return queue.size() < capacity;
    }

    void whenAccepting(Runnable resume) {
        waiting.add(resume);
        if (accepting()) {
            runWaiting();
        }
    }

    private void runWaiting() {
        Runnable resume;
        while (accepting() && (resume = waiting.poll()) != null) {
            resume.run();
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        worker = getEndpoint().getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadExecutor(this, "DifyEventConsumer");
        worker.execute(this::deliver);
        accepting = true;
        hub.subscribe(this);
    }

    private void deliver() {
        while (isRunAllowed() || !queue.isEmpty() && !isStopped()) {
            Pending pending;
            try {
                pending = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (pending == null) {
                continue;
            }
            if (!waiting.isEmpty()) {
                runWaiting();
            }
            delivering = true;
            try {
                Exchange exchange = createExchange(true);
                EventExchanges.fill(exchange, pending.event(), pending.index(), pending.correlationId());
                EventExchanges.processInOrder(this, exchange);
            } finally {
                delivering = false;
            }
        }
    }

    // ---- graceful shutdown: stop taking events, deliver what is queued

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return true; // an in-memory queue: Camel waits until getPendingExchangesSize() is 0
    }

    @Override
    public int getPendingExchangesSize() {
        return queue.size() + (delivering ? 1 : 0);
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        accepting = false;
        hub.unsubscribe(this);
        if (forced && !queue.isEmpty()) {
            LOG.warn("Shutdown forced: {} Dify events queued for the dify:events consumer are not delivered",
                    queue.size());
            queue.clear();
        }
        runWaitingAll();
    }

    @Override
    protected void doStop() throws Exception {
        accepting = false;
        hub.unsubscribe(this);
        if (worker != null) {
            // the worker ends on its own once the queue is empty (or at once when the queue was cleared)
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(worker);
            worker = null;
        }
        if (!queue.isEmpty()) {
            LOG.warn("{} Dify events queued for the dify:events consumer were not delivered", queue.size());
            queue.clear();
        }
        runWaitingAll();
        super.doStop();
    }

    // streams waiting on a stopped consumer must not stay paused
    private void runWaitingAll() {
        Runnable resume;
        while ((resume = waiting.poll()) != null) {
            resume.run();
        }
    }
}
