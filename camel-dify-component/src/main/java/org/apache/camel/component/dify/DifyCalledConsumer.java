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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.dify.internal.http.BoundedBody;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.spi.RestConsumerFactory;
import org.apache.camel.support.AsyncProcessorSupport;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A consumer that Dify calls: a {@code POST} endpoint on the HTTP server of a Camel {@link RestConsumerFactory}
 * (option httpServerComponent; platform-http by default) that takes Dify's JSON with the API key registered in Dify as a
 * bearer token. It checks the key in constant time, reads at most maxRequestSize bytes (413 past it), and runs the
 * route on an exchange of its own, which carries no header of the HTTP request. Subclasses define the path and the
 * shapes of one of Dify's outbound contracts.
 */
abstract class DifyCalledConsumer extends DefaultConsumer {

    static final ObjectMapper MAPPER = DifyJson.newMapper();

    /** An answer to Dify: the HTTP status and the JSON body. */
    record Reply(int status, Object json) {
    }

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

    /** The answer to a request without a bearer key ({@code malformed}) or with another key. */
    abstract Reply rejectKey(boolean malformed);

    /** The answer to a request that failed before or in the route, in this contract's error shape. */
    abstract Reply error(int status, String message);

    /**
     * Fills the route's exchange from a request whose key matched; answers directly (ping, an unknown knowledge id, an
     * unknown point) by returning a reply, or returns {@code null} to run the route.
     */
    abstract Reply prepare(Exchange exchange, Map<?, ?> request) throws Exception;

    /** The answer to Dify once the route has processed {@code exchange} without failing. */
    abstract Reply answer(Exchange exchange, Map<?, ?> request) throws Exception;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DifyConfiguration config = getEndpoint().getConfiguration();
        String name = "dify:" + getEndpoint().getOperation();
        config.requireApiKey(name, "the API key registered with this endpoint in Dify, which Dify sends as a bearer"
                + " token");
        if (config.getMaxRequestSize() < 1) {
            throw new IllegalArgumentException("The option maxRequestSize of " + name + " is "
                    + config.getMaxRequestSize() + ": it must be 1 or more (bytes)");
        }
        CamelContext context = getEndpoint().getCamelContext();
        String serverName = serverComponentName(context, config);
        RestConsumerFactory factory = restConsumerFactory(context, serverName, name);
        RestConfiguration restConfiguration = context.getRestConfiguration();
        // platform-http on Vert.x then hands over the paused request instead of reading it whole into memory
        Map<String, Object> parameters = "platform-http".equals(serverName) || serverName == null
                && factory == context.getComponent("platform-http", false)
                        ? Map.of("useBodyHandler", "false")
                        : Collections.emptyMap();
        http = factory.createConsumer(context, new Receiver(), "POST", path(config), null, null, null,
                restConfiguration, new HashMap<>(parameters));
        ServiceHelper.startService(http);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(http);
        http = null;
        super.doStop();
    }

    private static String serverComponentName(CamelContext context, DifyConfiguration config) {
        if (config.getHttpServerComponent() != null && !config.getHttpServerComponent().isBlank()) {
            return config.getHttpServerComponent().trim();
        }
        RestConfiguration rest = context.getRestConfiguration();
        return rest != null && rest.getComponent() != null && !rest.getComponent().isBlank()
                ? rest.getComponent().trim()
                : null;
    }

    // the named server, else platform-http, else the only RestConsumerFactory there is
    private static RestConsumerFactory restConsumerFactory(CamelContext context, String serverName, String name) {
        if (serverName != null) {
            Component component;
            try {
                component = context.getComponent(serverName, true);
            } catch (RuntimeException e) {
                component = null;
            }
            if (component instanceof RestConsumerFactory factory) {
                return factory;
            }
            throw new IllegalArgumentException(
                    "The option httpServerComponent (or the REST configuration's component) of"
                            + " " + name + " is '" + serverName + "', which is "
                            + (component == null ? "not on the classpath" : "not an HTTP server (RestConsumerFactory)")
                            + ": use platform-http, netty-http, jetty, undertow or servlet");
        }
        if (context.getComponent("platform-http", true) instanceof RestConsumerFactory factory) {
            return factory;
        }
        Set<RestConsumerFactory> found = new LinkedHashSet<>();
        for (String component : context.getComponentNames()) {
            if (context.getComponent(component, false) instanceof RestConsumerFactory factory) {
                found.add(factory);
            }
        }
        found.addAll(context.getRegistry().findByType(RestConsumerFactory.class));
        if (found.size() == 1) {
            return found.iterator().next();
        }
        throw new IllegalStateException(name + " needs an HTTP server: add camel-platform-http with a server"
                + " (camel-platform-http-main, Spring Boot's or Quarkus'), or name one in httpServerComponent"
                + (found.isEmpty() ? "" : " (" + found.size() + " are there)"));
    }

    /** The HTTP server's processor: answers on the HTTP exchange, runs the route on a fresh one, never waits. */
    private final class Receiver extends AsyncProcessorSupport {

        @Override
        public boolean process(Exchange httpExchange, AsyncCallback callback) {
            Message message = httpExchange.getMessage();
            String authorization = message.getHeader("Authorization", String.class);
            Reply refused = null;
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                refused = rejectKey(true);
            } else if (!MessageDigest.isEqual(
                    // compared in constant time: the answer's timing must not tell a caller how much of a key was
                    // right
                    getEndpoint().getConfiguration().getApiKey().getBytes(StandardCharsets.UTF_8),
                    authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
                refused = rejectKey(false);
            }
            if (refused != null) {
                // the body is not read: a closed connection discards it
                respond(httpExchange, refused, true);
                callback.done(true);
                return true;
            }
            Long contentLength = message.getHeader("Content-Length", Long.class);
            CompletableFuture<byte[]> read = BoundedBody.read(message.getBody(),
                    contentLength == null ? -1 : contentLength, getEndpoint().getConfiguration().getMaxRequestSize());
            if (read.isDone()) {
                byte[] bytes;
                try {
                    bytes = read.join();
                } catch (CompletionException e) {
                    respond(httpExchange, unreadable(e.getCause()), true);
                    callback.done(true);
                    return true;
                }
                return handle(httpExchange, bytes, callback, true);
            }
            read.whenComplete((bytes, failure) -> {
                if (failure != null) {
                    respond(httpExchange, unreadable(failure), true);
                    callback.done(false);
                } else {
                    // read on the HTTP server's I/O thread: the route runs elsewhere, so that thread never waits
                    // for it
                    getEndpoint().getComponent()
                            .completionExecutor()
                            .execute(() -> handle(httpExchange, bytes, callback, false));
                }
            });
            return false;
        }
    }

    private Reply unreadable(Throwable failure) {
        Throwable cause = DifyErrors.causeOf(failure);
        return cause instanceof BoundedBody.TooLarge
                ? error(413, cause.getMessage())
                : error(400, "the request body could not be read");
    }

    // the body is read: parse it, fill a fresh exchange, run the route and answer from what it left
    private boolean handle(Exchange httpExchange, byte[] body, AsyncCallback callback, boolean sync) {
        Map<?, ?> request;
        try {
            request = MAPPER.readValue(body, Map.class);
        } catch (Exception e) {
            respond(httpExchange, error(400, "the request body is not Dify's JSON request"), false);
            callback.done(sync);
            return sync;
        }
        Exchange exchange = createExchange(false);
        Reply direct;
        try {
            exchange.getMessage().setHeader(DifyConstants.DIFY_REQUEST, request);
            direct = prepare(exchange, request);
        } catch (Exception e) {
            direct = error(400, e.getMessage());
        }
        if (direct != null) {
            releaseExchange(exchange, false);
            respond(httpExchange, direct, false);
            callback.done(sync);
            return sync;
        }
        boolean doneSync = getAsyncProcessor().process(exchange, routeDoneSync -> {
            Reply reply;
            try {
                Exception failure = exchange.getException();
                reply = failure == null ? answer(exchange, request)
                        : error(500, failure.getMessage() == null ? failure.getClass().getSimpleName()
                                : failure.getMessage());
            } catch (Exception e) {
                reply = error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } finally {
                releaseExchange(exchange, false);
            }
            respond(httpExchange, reply, false);
            callback.done(sync && routeDoneSync);
        });
        return sync && doneSync;
    }

    private static void respond(Exchange httpExchange, Reply reply, boolean close) {
        Message message = httpExchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (close) {
            // what is left of the request is not read: the connection cannot carry another one
            message.setHeader("Connection", "close");
        }
        try {
            message.setBody(MAPPER.writeValueAsString(reply.json()));
        } catch (Exception e) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
            message.setBody("{\"error\":\"the answer could not be written as JSON\"}");
        }
    }
}
