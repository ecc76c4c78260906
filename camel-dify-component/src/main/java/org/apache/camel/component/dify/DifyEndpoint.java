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

import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.AsyncEndpoint;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.dify.internal.binding.EndpointServices;
import org.apache.camel.component.dify.internal.binding.OperationTable;
import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.component.dify.internal.protocol.RetryPolicy;
import org.apache.camel.component.dify.internal.protocol.knowledge.KnowledgeBaseFacts;
import org.apache.camel.component.dify.internal.protocol.transport.CallSettings;
import org.apache.camel.component.dify.internal.protocol.transport.DifyTransport;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * Call Dify apps (Chatbot, Agent, Chatflow, Text Generator, Workflow), upload files and query Dify knowledge bases.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "dify", title = "Dify", syntax = "dify:operation", category = {
        Category.AI}, headersClass = DifyConstants.class)
public class DifyEndpoint extends ScheduledPollEndpoint implements AsyncEndpoint {

    @UriPath(description = "The Dify operation to run: one per endpoint of Dify's Service API, e.g. chat, completion,"
            + " workflowRun, uploadFile, retrieve, listConversations, createDocumentByFile,"
            + " runPipeline (the reference lists them all with their endpoints). Five work as consumers:"
            + " events (the streams this component's producers run), workflowEvents (follow one run),"
            + " workflowRuns (every finished run of a Workflow app), externalKnowledge and extension (endpoints"
            + " Dify calls). The header CamelDifyOperation overrides it per exchange.")
    @Metadata(required = true)
    private DifyOperation operation;

    @UriParam
    private DifyConfiguration configuration;

    // dify:workflowRuns' pause between two reads of the workflow logs when neither delay nor pollInterval is given
    static final long WORKFLOW_RUNS_DELAY = 5000;

    private volatile EndpointServices services;

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
            consumer = new DifyWorkflowEventsConsumer(this, processor);
        } else if (operation == DifyOperation.workflowRuns) {
            consumer = new DifyWorkflowRunsConsumer(this, processor);
        } else if (operation == DifyOperation.externalKnowledge) {
            consumer = new DifyExternalKnowledgeConsumer(this, processor);
        } else if (operation == DifyOperation.extension) {
            consumer = new DifyExtensionConsumer(this, processor);
        } else {
            throw new IllegalArgumentException(
                    "dify:" + operation + " cannot be consumed: use from(\"dify:events\") for"
                            + " the events of the streams producers run,"
                            + " from(\"dify:workflowEvents?workflowRunId=...\") to follow a run,"
                            + " from(\"dify:workflowRuns\") for every finished run of a Workflow app, or"
                            + " from(\"dify:externalKnowledge\") / from(\"dify:extension\") for the endpoints Dify"
                            + " calls");
        }
        configureConsumer(consumer);
        if (consumer instanceof DifyWorkflowRunsConsumer runs && getDelay() < 0) {
            // Camel's scheduler polls every 500 ms by default: too often for a log listing; the deprecated
            // pollInterval still sets the pause when delay is not given
            Long pollInterval = configuration.getPollInterval();
            runs.setDelay(pollInterval != null ? pollInterval : WORKFLOW_RUNS_DELAY);
        }
        return consumer;
    }

    @Override
    public DifyComponent getComponent() {
        return (DifyComponent) super.getComponent();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // a dify:events consumer only listens to producers, and Dify calls the others: they need no HTTP client
        if (operation == null || OperationTable.callsDify(operation)) {
            services();
        }
    }

    @Override
    protected void doStop() throws Exception {
        services = null; // the transport belongs to the component, which closes it
        super.doStop();
    }

    private CallSettings callSettings() {
        return new CallSettings(configuration.getBaseUrl(), configuration.getConnectTimeout(),
                configuration.getRequestTimeout(), configuration.getStreamIdleTimeout(),
                configuration.getConnectionRequestTimeout(), configuration.getMaxFrameSize(),
                configuration.getMaxResponseSize());
    }

    /** The protocol client, on the component's shared transport for this endpoint's TLS settings. */
    DifyClient client() {
        return services().client();
    }

    /** What the bindings of this endpoint's exchanges use, made when the endpoint first needs it. */
    EndpointServices services() {
        EndpointServices current = services; // read on every exchange: no lock once it exists
        if (current == null) {
            synchronized (this) {
                current = services;
                if (current == null) {
                    try {
                        DifyTransport transport = getComponent().transportFor(configuration.getSslContextParameters());
                        DifyClient client = new DifyClient(transport, callSettings(), retryPolicy())
                                .limitingKnowledgeWrites(getComponent().getKnowledgeWriteLimit());
                        DifyEventHub hub = getComponent().getEventHub();
                        current = new EndpointServices(client, hub::observerFor, new KnowledgeBaseFacts(),
                                ConcurrentHashMap.newKeySet());
                        services = current;
                    } catch (Exception e) {
                        throw RuntimeCamelException.wrapRuntimeCamelException(e);
                    }
                }
            }
        }
        return current;
    }

    private RetryPolicy retryPolicy() {
        return new RetryPolicy(configuration.getMaxRetries() == null ? -1 : configuration.getMaxRetries(),
                configuration.isRetryGenerations(), configuration.getRetryBackoff(), configuration.getRetryMaxDelay());
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
