package org.apache.camel.component.dify;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

import javax.net.ssl.SSLContext;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.dify.consumer.DifyEventConsumer;
import org.apache.camel.component.dify.consumer.DifyWorkflowRunConsumer;
import org.apache.camel.component.dify.protocol.DifyClient;
import org.apache.camel.component.dify.protocol.model.DifyJson;
import org.apache.camel.component.dify.protocol.transport.DifyTransport;
import org.apache.camel.component.dify.protocol.transport.TransportSettings;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Call Dify apps (Chatbot, Agent, Chatflow, Text Generator, Workflow), upload files and query Dify knowledge bases.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dify", title = "Dify", syntax = "dify:operation",
             category = { Category.AI }, headersClass = DifyConstants.class)
public class DifyEndpoint extends DefaultEndpoint {

    @UriPath(description = "The Dify operation to run: one per endpoint of Dify's Service API, e.g. chat, completion,"
                           + " workflowRun, uploadFile, retrieve, listConversations, createDocumentByFile,"
                           + " runPipeline (the reference lists them all with their endpoints). events and"
                           + " workflowEvents also work as consumers. The header CamelDifyOperation overrides it per"
                           + " exchange.")
    @Metadata(required = true)
    private DifyOperation operation;

    @UriParam
    private DifyConfiguration configuration;

    private ScheduledExecutorService watchdogScheduler;
    private ExecutorService completionExecutor;
    private DifyTransport transport;
    private DifyClient client;

    public DifyEndpoint(String uri, DifyComponent component, DifyConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new DifyProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer;
        if (operation == DifyOperation.events) {
            consumer = new DifyEventConsumer(this, processor, getComponent().getEventHub());
        } else if (operation == DifyOperation.workflowEvents) {
            consumer = new DifyWorkflowRunConsumer(this, processor);
        } else {
            throw new IllegalArgumentException("dify:" + operation + " cannot be consumed: use from(\"dify:events\") for"
                                               + " the events of the streams producers run, or"
                                               + " from(\"dify:workflowEvents?workflowRunId=...\") to follow a run");
        }
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public DifyComponent getComponent() {
        return (DifyComponent) super.getComponent();
    }

    /** The client for one producer exchange: its streams are also shown to the dify:events consumers. */
    public DifyClient clientFor(org.apache.camel.Exchange exchange) {
        return client.observedBy(getComponent().getEventHub().observerFor(exchange.getExchangeId()));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        watchdogScheduler = executors.newSingleThreadScheduledExecutor(this, "DifyStreamWatchdog");
        completionExecutor = executors.newDefaultThreadPool(this, "DifyProducer");
        // the HTTP client's I/O reactor threads are made by Camel, named and tracked like its other threads
        ThreadFactory ioThreads = runnable -> executors.newThread("DifyIO", runnable);
        SSLContext sslContext = configuration.getSslContextParameters() == null
                ? null : configuration.getSslContextParameters().createSSLContext(getCamelContext());
        TransportSettings settings = new TransportSettings(configuration.getBaseUrl(),
                configuration.getConnectTimeout(), configuration.getRequestTimeout(),
                configuration.getStreamIdleTimeout(), configuration.getMaxConnections(),
                configuration.getMaxConnectionsPerRoute(), configuration.getIoThreads(),
                configuration.getMaxFrameSize(), configuration.getMaxResponseSize(), sslContext);
        transport = new DifyTransport(settings, DifyJson.newMapper(), ioThreads, watchdogScheduler,
                "camel-dify/" + versionOf(getClass()));
        transport.start();
        client = new DifyClient(transport);
    }

    @Override
    protected void doStop() throws Exception {
        if (transport != null) {
            transport.close();
            transport = null;
            client = null;
        }
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        if (watchdogScheduler != null) {
            executors.shutdownNow(watchdogScheduler);
            watchdogScheduler = null;
        }
        if (completionExecutor != null) {
            executors.shutdown(completionExecutor);
            completionExecutor = null;
        }
        super.doStop();
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The protocol client, available while the endpoint is started. */
    public DifyClient getClient() {
        return client;
    }

    /** Where replies continue the route, so that route processing never runs on an I/O thread. */
    public ExecutorService getCompletionExecutor() {
        return completionExecutor;
    }

    public DifyOperation getOperation() {
        return operation;
    }

    public void setOperation(DifyOperation operation) {
        this.operation = operation;
    }

    public DifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DifyConfiguration configuration) {
        this.configuration = configuration;
    }
}
