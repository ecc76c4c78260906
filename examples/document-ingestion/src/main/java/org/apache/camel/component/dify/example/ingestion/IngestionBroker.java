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
package org.apache.camel.component.dify.example.ingestion;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.dify.wire.ScriptedServer;

/**
 * The example's ActiveMQ Artemis broker, embedded, on a free loopback port: the broker every instance of the
 * ingestion routes connects to. A deployment uses its own broker instead.
 */
public final class IngestionBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker;
    private final String url;

    private IngestionBroker(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
    }

    /** Starts a broker that keeps nothing on disk. */
    public static IngestionBroker start() throws Exception {
        String url = "tcp://127.0.0.1:" + ScriptedServer.unusedPort();
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", url)
                .addQueueConfiguration(QueueConfiguration.of("documents").setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of("documents.indexed").setRoutingType(RoutingType.ANYCAST))
                .addQueueConfiguration(QueueConfiguration.of("documents.DLQ").setRoutingType(RoutingType.ANYCAST));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        return new IngestionBroker(broker, url);
    }

    /** Where clients connect, e.g. {@code tcp://127.0.0.1:61616}. */
    public String url() {
        return url;
    }

    /** A connection factory for one instance of the routes. */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(url);
    }

    @Override
    public void close() throws Exception {
        broker.stop();
    }
}
