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

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.main.Main;

/**
 * The document-ingestion example: an embedded ActiveMQ Artemis broker, the {@link IngestionRoutes}, three sample files
 * dropped in the inbox folder and one document sent twice straight to the queue (as a redelivery would). It prints
 * what was indexed and what went to the dead-letter queue, and ends once nothing has happened for a few seconds.
 */
public final class DocumentIngestionExample {

    static final List<String> SAMPLES = List.of("refund-policy.md", "shipping-times.md", IngestionDify.FAILING_SAMPLE);

    private DocumentIngestionExample() {
    }

    public static void main(String[] args) throws Exception {
        try (IngestionDify dify = IngestionDify.fromEnvironment()) {
            run(dify, Files.createTempDirectory("dify-inbox")).forEach(System.out::println);
        }
    }

    /** Runs the example once against {@code dify}; answers one line per result message. */
    static List<String> run(IngestionDify dify, Path inbox) throws Exception {
        List<String> results = Collections.synchronizedList(new ArrayList<>());
        try (IngestionBroker broker = IngestionBroker.start()) {
            for (String sample : SAMPLES) {
                try (InputStream in = DocumentIngestionExample.class.getResourceAsStream("/samples/" + sample)) {
                    Files.copy(in, inbox.resolve(sample));
                }
            }
            System.out.println("Inbox: " + inbox);
            Main main = new Main();
            main.bind("jms", JmsComponent.jmsComponent(broker.connectionFactory()));
            main.addInitialProperty("camel.component.dify.baseUrl", dify.baseUrl());
            main.addInitialProperty("camel.component.dify.apiKey", dify.apiKey());
            main.addInitialProperty("camel.component.dify.datasetId", dify.datasetId());
            main.addInitialProperty("ingestion.inbox", inbox.toString());
            main.configure().addRoutesBuilder(new IngestionRoutes("example"));
            main.configure().addRoutesBuilder(new RouteBuilder() {

                @Override
                public void configure() {
                    // one document straight on the queue, twice: the second finds it unchanged
                    from("timer:feed?repeatCount=2").routeId("feed")
                            .setBody(constant("Our support desk answers within one working day."))
                            .setHeader(IngestionRoutes.DOCUMENT_NAME, constant("support-hours.md"))
                            .setHeader("JMSXGroupID", constant("support-hours.md"))
                            .to("jms:queue:documents");
                    from("jms:queue:documents.indexed").routeId("report-indexed")
                            .process(e -> report(main, results,
                                    "indexed: " + e.getMessage().getBody(String.class)));
                    from("jms:queue:documents.DLQ").routeId("report-failed")
                            .process(e -> report(main, results, "dead-lettered: "
                                    + e.getMessage().getHeader(IngestionRoutes.DOCUMENT_NAME) + ": "
                                    + e.getMessage().getHeader("failureReason")));
                }
            });
            main.run();
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the inbox " + inbox, e);
        }
        return results;
    }

    /** A result of each sample and of the two feeds: then the example is done (no idle time to guess). */
    private static void report(Main main, List<String> results, String result) {
        results.add(result);
        if (results.size() == EXPECTED_RESULTS) {
            main.completed();
        }
    }

    /** One result per sample file, and one per feed of the queued document. */
    static final int EXPECTED_RESULTS = SAMPLES.size() + 2;
}
