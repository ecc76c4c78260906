package org.apache.camel.component.dify.consumer;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.DifyEndpoint;
import org.apache.camel.component.dify.DifyOverflowPolicy;
import org.apache.camel.component.dify.protocol.DifyException;
import org.apache.camel.component.dify.protocol.event.DifyStreamEvent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * {@code from("dify:events")}: one exchange per event of every stream that the component's producers run, in stream
 * order, filtered by {@code eventTypes}. Events wait in a bounded queue for the consumer's single worker thread; when
 * it is full, the streams that feed it stop reading until it has room ({@code overflowPolicy=wait}) or fail
 * ({@code fail}). The hand-off never makes the I/O thread wait, so a slow consumer route never holds up other calls.
 */
public class DifyEventConsumer extends DefaultConsumer {

    private final DifyEventHub hub;
    private final Set<String> filter;
    private final int capacity;
    private final boolean failWhenFull;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private ExecutorService worker;
    private volatile boolean running;

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
        if (!running || !EventExchanges.accepts(filter, event)) {
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
        ServiceHelper.startService(getEndpoint()); // the endpoint owns the HTTP client
        running = true;
        worker = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "DifyEventConsumer");
        worker.execute(this::deliver);
        hub.subscribe(this);
    }

    private void deliver() {
        while (running) {
            Pending pending;
            try {
                pending = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!waiting.isEmpty()) {
                runWaiting();
            }
            Exchange exchange = createExchange(true);
            try {
                EventExchanges.fill(exchange, pending.event(), pending.index(), pending.correlationId());
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Error processing Dify event", exchange,
                            exchange.getException());
                }
                releaseExchange(exchange, false);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        hub.unsubscribe(this);
        running = false;
        if (worker != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(worker);
            worker = null;
        }
        queue.clear();
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
