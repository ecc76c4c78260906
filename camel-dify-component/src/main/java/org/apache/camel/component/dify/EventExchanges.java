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

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.binding.ResultHeaders;
import org.apache.camel.support.DefaultConsumer;

/** How an event becomes a consumer exchange, and the event-type filter both consumers share. */
final class EventExchanges {

    private EventExchanges() {
    }

    /** The set of event names of the option eventTypes, or {@code null} for all. */
    static Set<String> filter(String eventTypes) {
        if (eventTypes == null || eventTypes.isBlank()) {
            return null;
        }
        return Arrays.stream(eventTypes.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    static boolean accepts(Set<String> filter, DifyStreamEvent event) {
        return filter == null || filter.contains(event.getEvent());
    }

    /** Body: the typed event; headers: its name, index and ids (only known fields, never remote header names). */
    static void fill(Exchange exchange, DifyStreamEvent event, long index, String correlationId) {
        ResultHeaders.event(exchange, event, index, correlationId);
    }

    /**
     * Runs one event's exchange through the consumer's route with its asynchronous processor and waits, on the
     * consumer's own thread, until the route is done with it: events reach the route one at a time and in stream
     * order even when the route is asynchronous. Failures go to the consumer's exception handler; answers whether
     * the route processed the exchange without one.
     */
    /**
     * Sends {@code exchange} through the consumer's route without waiting for it: the future completes, with whether
     * the route succeeded, once the route has processed it. A failure goes to the consumer's exception handler with
     * {@code failureMessage}; the exchange is released either way.
     */
    static CompletableFuture<Boolean> processAsync(DefaultConsumer consumer, Exchange exchange, String failureMessage) {
        CompletableFuture<Boolean> processed = new CompletableFuture<>();
        AsyncCallback done = doneSync -> {
            boolean succeeded = exchange.getException() == null;
            try {
                if (!succeeded) {
                    consumer.getExceptionHandler().handleException(failureMessage, exchange, exchange.getException());
                }
            } finally {
                consumer.releaseExchange(exchange, false);
                processed.complete(succeeded);
            }
        };
        try {
            consumer.getAsyncProcessor().process(exchange, done);
        } catch (RuntimeException e) {
            exchange.setException(e);
            done.done(true);
        }
        return processed;
    }

    /** Sends {@code exchange} through the consumer's route and waits until it is processed: the consumer's own thread. */
    static boolean processInOrder(DefaultConsumer consumer, Exchange exchange) {
        return processAsync(consumer, exchange, "Error processing Dify event").join();
    }
}
