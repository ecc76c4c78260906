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
package org.apache.camel.component.dify.example.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.support.DefaultExchange;

/**
 * The browsers' open event streams, one per question: opens a Server-Sent Events response, hands the question to the
 * route {@code direct:ask}, writes each event the {@code dify:events} consumer delivers for that exchange to its
 * browser, and, when the browser goes away first, stops the Dify task through {@code direct:stopTask}. Nothing here
 * waits: events are pushed as they arrive.
 */
final class BrowserStreams {

    private final ProducerTemplate template;
    // by the exchange id of the question, which the dify:events consumer names as CamelDifyCorrelationId
    private final Map<String, Stream> open = new ConcurrentHashMap<>();

    private static final class Stream {

        final HttpServerResponse response;
        volatile String taskId;
        volatile boolean browserGone;
        volatile boolean stopped;
        // the answer ended (or failed): nothing left to stop
        volatile boolean over;

        Stream(HttpServerResponse response) {
            this.response = response;
        }
    }

    BrowserStreams(CamelContext camel) {
        this.template = camel.createProducerTemplate();
    }

    /** {@code GET /chat?q=<question>&conversation=<id>}: the answer's events, as they stream. */
    void open(RoutingContext request) {
        String question = request.queryParams().get("q");
        if (question == null || question.isBlank()) {
            request.response().setStatusCode(400).end("the query parameter q (the question) is missing");
            return;
        }
        HttpServerResponse response = request.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
        response.write(": connected\n\n"); // the headers go now, before the first token
        Exchange ask = new DefaultExchange(template.getCamelContext());
        ask.getMessage().setBody(question);
        String conversation = request.queryParams().get("conversation");
        if (conversation != null && !conversation.isBlank()) {
            ask.getMessage().setHeader(DifyConstants.CONVERSATION_ID, conversation);
        }
        Stream stream = new Stream(response);
        open.put(ask.getExchangeId(), stream);
        response.closeHandler(closed -> {
            stream.browserGone = true;
            stopTask(stream);
        });
        template.asyncSend("direct:ask", ask).whenComplete((done, error) -> {
            stream.over = true;
            open.remove(ask.getExchangeId());
            Exception failure = error instanceof Exception e ? e : done.getException();
            if (failure != null && !stream.browserGone) {
                response.write("data: {\"event\":\"error\",\"message\":\"" + failure.getMessage().replace("\"", "'")
                        + "\"}\n\n");
            }
            if (!stream.browserGone) {
                response.end();
            }
        });
    }

    /** An event from the dify:events consumer, for the browser whose question started its stream. */
    void deliver(Exchange event) {
        Stream stream = open.get(event.getMessage().getHeader(DifyConstants.CORRELATION_ID, String.class));
        if (stream == null) {
            return;
        }
        DifyStreamEvent typed = event.getMessage().getBody(DifyStreamEvent.class);
        if (stream.taskId == null && typed.getTaskId() != null) {
            stream.taskId = typed.getTaskId();
        }
        if (stream.browserGone) {
            stopTask(stream); // the browser left before the task was known
            return;
        }
        stream.response.write("data: " + typed.getRawJson() + "\n\n");
    }

    // once per stream, when its task is known
    private synchronized void stopTask(Stream stream) {
        if (stream.stopped || stream.over || stream.taskId == null) {
            return;
        }
        stream.stopped = true;
        System.out.println("A browser left before its answer ended: stopping the Dify task " + stream.taskId);
        template.asyncRequestBodyAndHeader("direct:stopTask", null, DifyConstants.TASK_ID, stream.taskId);
    }
}
