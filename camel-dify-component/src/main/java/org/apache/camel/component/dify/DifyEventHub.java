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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.stream.StreamObserver;

/**
 * Hands the events of the streams that {@code dify:} producers run to the {@code dify:events} consumers of the same
 * component. Costs nothing while no consumer is started.
 */
final class DifyEventHub {

    private final List<DifyEventConsumer> consumers = new CopyOnWriteArrayList<>();

    void subscribe(DifyEventConsumer consumer) {
        consumers.add(consumer);
    }

    void unsubscribe(DifyEventConsumer consumer) {
        consumers.remove(consumer);
    }

    /**
     * An observer for one stream started by the exchange {@code correlationId}, or {@code null} when no consumer
     * listens.
     */
    StreamObserver observerFor(String correlationId) {
        if (consumers.isEmpty()) {
            return null;
        }
        List<DifyEventConsumer> listening = List.copyOf(consumers);
        return new StreamObserver() {

            @Override
            public void onEvent(DifyStreamEvent event, long index) {
                for (DifyEventConsumer consumer : listening) {
                    consumer.offer(event, index, correlationId);
                }
            }

            @Override
            public boolean accepting() {
                for (DifyEventConsumer consumer : listening) {
                    if (!consumer.accepting()) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void whenAccepting(Runnable resume) {
                for (DifyEventConsumer consumer : listening) {
                    if (!consumer.accepting()) {
                        consumer.whenAccepting(resume);
                        return;
                    }
                }
                resume.run();
            }
        };
    }
}
