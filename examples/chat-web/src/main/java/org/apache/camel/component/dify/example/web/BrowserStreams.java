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
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.support.DefaultExchange;

/**
 * The browsers' open event streams, one per question: opens a Server-Sent Events response, hands the question to the
 * route {@code direct:ask}, writes each event the {@code dify:events} consumer delivers for that exchange to its
 * browser, and, when the browser goes away first, stops the Dify task through {@code direct:stopTask}. Nothing here
 * waits for a token: events are pushed as they arrive.
 * <p>
 * Two ways to write the response, one per Camel line: {@link #open(Exchange)} for the platform-http route on Camel
 * 4.22+, whose body is an {@link EventStreamBody} platform-http streams itself; {@link #open(RoutingContext)} for a
 * handler on platform-http's Vert.x router, on Camel 4.18 (CAMEL-23804).
 */
final class BrowserStreams {

    private final ProducerTemplate template;
    // by the exchange id of the question, which the dify:events consumer names as CamelDifyCorrelationId
    private final Map<String, Stream> open = new ConcurrentHashMap<>();

    /** Where the frames of one browser's event stream go. */
    interface Sink {

        void write(String frame);

        void end();
    }

    private static final class Stream {

        final Sink sink;
        volatile String taskId;
        volatile boolean browserGone;
        volatile boolean stopped;
        // the answer ended (or failed): nothing left to stop
        volatile boolean over;

        Stream(Sink sink) {
            this.sink = sink;
        }
    }

    BrowserStreams(CamelContext camel) {
        this.template = camel.createProducerTemplate();
    }

    /**
     * The platform-http route of {@code GET /chat?q=<question>&conversation=<id>} (Camel 4.22+): the reply body is the
     * answer's event stream, which platform-http writes to the browser frame by frame as it is filled.
     */
    void open(Exchange request) {
        String question = request.getMessage().getHeader("q", String.class);
        String conversation = request.getMessage().getHeader("conversation", String.class);
        HttpServerResponse response = request.getIn(HttpMessage.class).getResponse();
        request.getMessage().removeHeaders("*");
        if (question == null || question.isBlank()) {
            request.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            request.getMessage().setBody("the query parameter q (the question) is missing");
            return;
        }
        EventStreamBody body = new EventStreamBody();
        request.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        request.getMessage().setHeader("Cache-Control", "no-cache");
        request.getMessage().setBody(body);
        body.write(": connected\n\n"); // the headers go now, before the first token
        Stream stream = ask(question, conversation, body);
        response.closeHandler(closed -> {
            body.end(); // frees the platform-http reader waiting for the next frame
            browserLeft(stream);
        });
    }

    /** {@code GET /chat?q=<question>&conversation=<id>} as a handler on platform-http's router (Camel 4.18). */
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
        Stream stream = ask(question, request.queryParams().get("conversation"), new Sink() {

            @Override
            public void write(String frame) {
                response.write(frame);
            }

            @Override
            public void end() {
                response.end();
            }
        });
        response.closeHandler(closed -> browserLeft(stream));
    }

    private Stream ask(String question, String conversation, Sink sink) {
        Exchange ask = new DefaultExchange(template.getCamelContext());
        ask.getMessage().setBody(question);
        if (conversation != null && !conversation.isBlank()) {
            ask.getMessage().setHeader(DifyConstants.CONVERSATION_ID, conversation);
        }
        Stream stream = new Stream(sink);
        open.put(ask.getExchangeId(), stream);
        template.asyncSend("direct:ask", ask).whenComplete((done, error) -> {
            stream.over = true;
            open.remove(ask.getExchangeId());
            Exception failure = error instanceof Exception e ? e : done.getException();
            if (failure != null && !stream.browserGone) {
                sink.write("data: {\"event\":\"error\",\"message\":\"" + failure.getMessage().replace("\"", "'")
                        + "\"}\n\n");
            }
            if (!stream.browserGone) {
                sink.end();
            }
        });
        return stream;
    }

    private void browserLeft(Stream stream) {
        stream.browserGone = true;
        stopTask(stream);
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
        stream.sink.write("data: " + typed.getRawJson() + "\n\n");
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
