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

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyConstants;

/**
 * Queue-triggered document processing, the routes one instance runs; run them on as many machines as needed, all on
 * the same broker: they compete for the messages of the {@code documents} queue.
 * <ul>
 * <li>A file dropped in the inbox folder becomes a message on {@code documents} (header {@code documentName}).</li>
 * <li>Each message of {@code documents} is upserted into the knowledge base and waited for until Dify has indexed it;
 * the {@link org.apache.camel.component.dify.api.IngestedDocument} goes, as JSON, to
 * {@code documents.indexed}. A redelivered or repeated document is written once ({@code "action":"UNCHANGED"}).</li>
 * <li>A document that still fails after two redeliveries goes to {@code documents.DLQ}, with the reason in the headers
 * {@code failureReason} and {@code failureCategory}.</li>
 * </ul>
 * The JMS message group ({@code JMSXGroupID}, the document's name) hands all messages of one document to one consumer
 * at a time, so two instances never write the same document at the same moment.
 */
public class IngestionRoutes extends RouteBuilder {

    /** The header that names the document, on the documents queue (JMS does not carry Camel's own headers). */
    public static final String DOCUMENT_NAME = "documentName";

    private final String instance;

    /**
     * @param instance the name of this instance, put on each result (header {@code indexedBy})
     */
    public IngestionRoutes(String instance) {
        this.instance = instance;
    }

    @Override
    public void configure() {
        from("file:{{ingestion.inbox}}?move=.done&moveFailed=.failed").routeId("inbox-" + instance)
                .setHeader(DOCUMENT_NAME, header(Exchange.FILE_NAME_ONLY))
                .setHeader("JMSXGroupID", header(Exchange.FILE_NAME_ONLY))
                .convertBodyTo(byte[].class)
                .to("jms:queue:documents");

        from("jms:queue:documents?transacted=true&concurrentConsumers={{ingestion.consumers:2}}")
                .routeId("ingest-" + instance)
                .onException(Exception.class)
                .maximumRedeliveries(2)
                .redeliveryDelay(200)
                .handled(true)
                .setHeader("failureReason", simple("${exception.message}"))
                .setHeader("failureCategory", header(DifyConstants.ERROR_CATEGORY))
                .log("${header." + DOCUMENT_NAME + "} failed: ${exception.message}")
                .to("jms:queue:documents.DLQ")
                .end()
                .setHeader(DifyConstants.DOCUMENT_NAME, header(DOCUMENT_NAME))
                .setHeader(DifyConstants.DOCUMENT_SETTINGS, constant("{\"indexing_technique\":\"high_quality\","
                        + "\"process_rule\":{\"mode\":\"automatic\"}}"))
                .to("dify:upsertDocument?waitForIndexing=true")
                .setHeader("indexedBy", constant(instance))
                .marshal()
                .json()
                .to("jms:queue:documents.indexed");
    }
}
