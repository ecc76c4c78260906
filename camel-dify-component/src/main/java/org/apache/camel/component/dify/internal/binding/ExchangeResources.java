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
package org.apache.camel.component.dify.internal.binding;

import java.io.Closeable;
import java.io.IOException;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.internal.protocol.stream.StreamedEvents;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The one place that ties what a body holds open (an event stream, a streamed file, a list still being read) to the
 * exchange: it is closed when the exchange completes, whether the route read it to the end or not.
 */
final class ExchangeResources {

    private ExchangeResources() {
    }

    /**
     * Sets the iterator (or {@code body}, which reads it) as the body. When the exchange completes (whether the route read all events, stopped early or
     * failed) the iterator is closed: an unfinished stream releases its connection and its task is stopped on Dify.
     */
    static void deliver(Exchange exchange, StreamedEvents events, Closeable body) {
        exchange.getMessage().setBody(body);
        // a split that stops on an exception drains its iterator before closing it: end the drain at once
        events.abandonWhen(() -> exchange.getException() != null || exchange.isRouteStop());
        closeWhenDone(exchange, body);
    }

    /**
     * Closes a body that holds a connection or a pending request (events, a streamed binary answer, pages) when the
     * exchange completes, whether the route read it to the end or not.
     */
    static void closeWhenDone(Exchange exchange, Closeable resource) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {

            @Override
            public void onDone(Exchange done) {
                try {
                    resource.close();
                } catch (IOException e) {
                    // closing only releases: there is nothing left to report to a finished exchange
                }
            }
        });
    }
}
