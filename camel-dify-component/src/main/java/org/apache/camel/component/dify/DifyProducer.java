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

import java.util.concurrent.CompletableFuture;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.dify.internal.binding.DifyBinding;
import org.apache.camel.component.dify.internal.binding.ExchangeInputs;
import org.apache.camel.component.dify.internal.binding.OperationTable;
import org.apache.camel.component.dify.internal.binding.ResultHeaders;
import org.apache.camel.component.dify.internal.health.DifyProducerHealthCheck;
import org.apache.camel.component.dify.internal.observability.DifyMetrics;
import org.apache.camel.component.dify.internal.protocol.stream.StreamedEvents;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the endpoint's operation for each exchange without holding a thread while Dify works: the call is started,
 * {@link #process(Exchange, AsyncCallback)} returns, and the route continues on the component's completion executor
 * when the response (or the whole stream) has arrived.
 */
public class DifyProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(DifyProducer.class);

    public DifyProducer(DifyEndpoint endpoint) {
        super(endpoint);
    }

    private DifyMetrics metrics = DifyMetrics.NONE;
    private DifyProducerHealthCheck healthCheck;
    private WritableHealthCheckRepository healthCheckRepository;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (getEndpoint().getOperation() == DifyOperation.upsertDocument) {
            // where upserts claim their documents; started as Camel's idempotent consumer starts its repository
            ServiceHelper.startService(getEndpoint().getConfiguration().getIdempotentRepository());
        }
        metrics = DifyMetrics.of(getEndpoint().getCamelContext());
        // like Camel's own producers: a readiness check per producer, in the "producers" repository, which Camel
        // enables with camel.health.producersEnabled; the component option healthCheckProducerEnabled turns it off
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            healthCheck = new DifyProducerHealthCheck(getEndpoint().getId(), getEndpoint().getConfiguration(),
                    getEndpoint()::client);
            healthCheck.setEnabled(getEndpoint().getComponent().isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }

    // metrics never fail an exchange; a stream read event by event is measured to its end, not to its start
    private void record(ExchangeInputs in, long started, Object result, Throwable error) {
        if (result instanceof StreamedEvents events) {
            events.outcome().whenComplete((folded, failure) -> record(in, started, folded, failure));
            return;
        }
        try {
            DifyOperation operation = in.operation();
            metrics.record(new DifyMetrics.Call(operation,
                    OperationTable.answersWithEvents(operation)
                            ? (getEndpoint().getConfiguration().resolveDelivery() == DifyDelivery.blocking ? "blocking"
                                    : "streaming")
                            : null,
                    System.nanoTime() - started, result,
                    DifyErrors.causeOf(error)));
        } catch (RuntimeException e) {
            LOG.debug("Could not record the metrics of a Dify call", e);
        }
    }

    @Override
    public DifyEndpoint getEndpoint() {
        return (DifyEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            DifyEndpoint endpoint = getEndpoint();
            DifyOperation operation = ExchangeInputs.operationOf(endpoint, exchange);
            return run(OperationTable.binding(operation),
                    new ExchangeInputs(operation, endpoint.getConfiguration(), endpoint.services(), exchange),
                    callback);
        } catch (Exception e) {
            ResultHeaders.failure(exchange, e);
            callback.done(true);
            return true;
        }
    }

    private <R> boolean run(DifyBinding<R> binding, ExchangeInputs in, AsyncCallback callback) {
        long started = System.nanoTime();
        CompletableFuture<R> call = binding.start(in);
        Exchange exchange = in.exchange();
        // the transport completes the call on the component's completion executor, never on the I/O thread, so the
        // route continues right there without another hand-off
        call.whenComplete((result, error) -> {
            record(in, started, result, error);
            try {
                if (error != null) {
                    Throwable failure = DifyErrors.causeOf(error);
                    ResultHeaders.server(exchange, in.traceSoFar(), failure);
                    ResultHeaders.failure(exchange, failure);
                } else {
                    binding.complete(in, result);
                    ResultHeaders.server(exchange, in.traceSoFar(), null);
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }
}
