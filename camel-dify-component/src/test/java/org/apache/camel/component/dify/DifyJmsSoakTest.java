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

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.Fault;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.jms.JmsComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A queue-driven chat backend on a real broker: a transacted route {@code jms:queue:questions -> dify:chat ->
 * jms:queue:answers} on an embedded ActiveMQ Artemis, with the broker's redelivery and dead-letter queue, while 5 % of
 * Dify's answers fail (a 5xx page, a 429, a dropped connection mid-stream, a ping-only stall). Every question ends in
 * answers or the dead-letter queue, none twice, none lost, and the heap does not grow with the number of messages.
 * <p>
 * {@code dify.soak.messages} questions (2,000 in every build; {@code -Psoak} sends 20,000).
 */
class DifyJmsSoakTest extends DifyTestSupport {

    private static final int MESSAGES = Integer.getInteger("dify.soak.messages", 2000);
    /** Questions are sent in waves, so the broker holds one wave at a time and the heap is measured between them. */
    private static final int WAVE = 500;
    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT)
            .answer("Your order ships tomorrow.")
            .randomFaults(0.05, 42,
                    new Fault.HttpResponse(503, "text/html", "<html><body>503 Service Unavailable</body></html>"),
                    new Fault.HttpResponse(429, "application/json",
                            "{\"code\":\"too_many_requests\",\"message\":\"Too many requests\",\"status\":429}"),
                    new Fault.DropConnection(1),
                    new Fault.Stall(1, Duration.ofMillis(50)));
    private static EmbeddedActiveMQ broker;

    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startBroker() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJournalDirectory("target/artemis/journal")
                .setBindingsDirectory("target/artemis/bindings")
                .setLargeMessagesDirectory("target/artemis/large")
                .setPagingDirectory("target/artemis/paging")
                .addAcceptorConfiguration("in-vm", "vm://0")
                .addAddressSetting("#", new AddressSettings()
                        .setMaxDeliveryAttempts(5)
                        .setRedeliveryDelay(0)
                        .setDeadLetterAddress(SimpleString.of("DLQ")))
                .addQueueConfiguration(QueueConfiguration.of("DLQ").setRoutingType(RoutingType.ANYCAST));
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        BOT.clearFaults();
        if (broker != null) {
            broker.stop();
        }
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        ConnectionFactory connections = new ActiveMQConnectionFactory("vm://0");
        camel.addComponent("jms", JmsComponent.jmsComponent(connections));
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // a failed call rolls the JMS transaction back: the broker redelivers the question, and after five
                // attempts moves it to DLQ; the answer is sent in the same transaction, so it is never sent twice
                from("jms:queue:questions?transacted=true&concurrentConsumers=4").routeId("chatBackend")
                        .to("dify:chat?apiKey=" + BOT.apiKey() + "&user=soak&streamIdleTimeout=500&maxRetries=0")
                        .setHeader("question", header("question"))
                        .to("jms:queue:answers");
                from("jms:queue:answers?concurrentConsumers=2").process(e -> answered
                        .computeIfAbsent(e.getMessage().getHeader("question", String.class), q -> new AtomicInteger())
                        .incrementAndGet());
                from("jms:queue:DLQ").process(e -> deadLettered.add(e.getMessage()
                        .getHeader("question",
                                String.class)));
            }
        };
    }

    @Test
    void everyQuestionEndsInAnswersOrTheDeadLetterQueueOnceWithAFlatHeap() {
        int waves = Math.max(1, MESSAGES / WAVE);
        long chatRequests = 0;
        long heapAfterFirstWave = 0;
        for (int wave = 0; wave < waves; wave++) {
            int first = wave * WAVE;
            int last = Math.min(MESSAGES, first + WAVE);
            for (int i = first; i < last; i++) {
                String question = "q-" + i;
                template.send("jms:queue:questions", (Exchange e) -> {
                    e.getMessage().setBody("Where is my order " + question + "?");
                    e.getMessage().setHeader("question", question);
                });
            }
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> answered.size() + deadLettered.size() >= last);
            chatRequests += simulator().requests("POST", "/chat-messages").size();
            // the simulator's own memory of conversations and requests is not the component's: forget it per wave
            simulator().forgetHistory();
            if (wave == 0) {
                heapAfterFirstWave = usedHeapAfterGc();
            }
        }

        assertThat(answered.values()).as("answers sent twice").allMatch(count -> count.get() == 1);
        assertThat(answered.keySet()).as("questions both answered and dead-lettered").noneMatch(deadLettered::contains);
        assertThat(answered.size() + deadLettered.size()).as("questions lost").isEqualTo(MESSAGES);
        assertThat(chatRequests).as("faults were met and redelivered").isGreaterThan(MESSAGES);
        long growth = usedHeapAfterGc() - heapAfterFirstWave;
        assertThat(growth).as("heap growth from the first to the last of %d waves", waves)
                .isLessThan(24L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
