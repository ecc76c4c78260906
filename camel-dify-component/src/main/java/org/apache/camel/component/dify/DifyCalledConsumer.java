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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A consumer that Dify calls: an endpoint on platform-http that takes Dify's JSON {@code POST} with the API key
 * registered in Dify as a bearer token, checks the key, and hands the request to {@link #answer}. Subclasses define
 * the path and the shapes of one of Dify's outbound contracts.
 */
abstract class DifyCalledConsumer extends DefaultConsumer {

    static final ObjectMapper MAPPER = DifyJson.newMapper();

    private Consumer http;

    DifyCalledConsumer(DifyEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public DifyEndpoint getEndpoint() {
        return (DifyEndpoint) super.getEndpoint();
    }

    /** The path Dify posts to. */
    abstract String path(DifyConfiguration config);

    /** Answers a request whose key matched. */
    abstract void answer(Exchange exchange, Map<?, ?> request) throws Exception;

    /** Answers a request without a bearer key ({@code malformed}) or with another key. */
    abstract void rejectKey(Exchange exchange, boolean malformed) throws Exception;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DifyConfiguration config = getEndpoint().getConfiguration();
        String name = "dify:" + getEndpoint().getOperation();
        config.requireApiKey(name, "the API key registered with this endpoint in Dify, which Dify sends as a bearer"
                + " token");
        Endpoint endpoint;
        try {
            endpoint = getEndpoint().getCamelContext()
                    .getEndpoint("platform-http:" + path(config) + "?httpMethodRestrict=POST");
        } catch (ResolveEndpointFailedException e) {
            throw new IllegalStateException(name + " is served by platform-http: add camel-platform-http and an HTTP"
                    + " server (camel-platform-http-main, Spring Boot's or Quarkus')",
                    e);
        }
        http = endpoint.createConsumer(this::receive);
        ServiceHelper.startService(http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(http);
        http = null;
        super.doStop();
    }

    private void receive(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        String authorization = message.getHeader("Authorization", String.class);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            rejectKey(exchange, true);
            return;
        }
        // compared in constant time: the answer's timing must not tell a caller how much of a key was right
        if (!MessageDigest.isEqual(getEndpoint().getConfiguration().getApiKey().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
            rejectKey(exchange, false);
            return;
        }
        Map<?, ?> request;
        try {
            request = MAPPER.readValue(message.getBody(String.class), Map.class);
        } catch (Exception e) {
            respond(exchange, 400, Map.of("error", "the request body is not Dify's JSON request"));
            return;
        }
        message.removeHeaders("*");
        message.setHeader(DifyConstants.DIFY_REQUEST, request);
        answer(exchange, request);
    }

    /** Runs the route; answers the failure's message, or {@code null} when it processed the exchange. */
    String route(Exchange exchange) throws Exception {
        getProcessor().process(exchange);
        Exception failure = exchange.getException();
        if (failure == null) {
            return null;
        }
        exchange.setException(null);
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    static void respond(Exchange exchange, int status, Object json) throws Exception {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(MAPPER.writeValueAsString(json));
    }
}
