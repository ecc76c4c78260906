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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.StartupListener;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The chat page and the routes behind its event stream:
 * <ul>
 * <li>{@code GET /} (platform-http) is the page;</li>
 * <li>{@code GET /chat?q=<question>&conversation=<id>} (platform-http, route {@code event-stream}) opens the answer's
 * event stream and hands the question to {@code direct:ask};</li>
 * <li>{@code direct:ask} asks the Dify chat app; every event of its stream also reaches the {@code dify:events}
 * consumer, whose route relays it to the browser that asked ({@link BrowserStreams}), as a Server-Sent Event;</li>
 * <li>{@code direct:stopTask} stops the Dify task of a browser that went away.</li>
 * </ul>
 * On Camel 4.18 the event stream is a handler on the router platform-http runs on, added once Camel has started, not a
 * platform-http route: platform-http there writes a streamed response body in 16 KB blocks (CAMEL-23804, fixed in
 * Camel 4.22), too late for tokens.
 */
public class ChatWebRoutes extends RouteBuilder {

    private BrowserStreams browsers;

    @Override
    public void configure() throws Exception {
        browsers = new BrowserStreams(getContext());
        String page = page();
        from("platform-http:/?httpMethodRestrict=GET").routeId("page")
                .removeHeaders("*")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/html; charset=utf-8"))
                .setBody(constant(page));

        if (platformHttpStreamsEvents(getContext())) {
            from("platform-http:/chat?httpMethodRestrict=GET").routeId("event-stream")
                    .process(browsers::open);
        } else {
            // the HTTP server's router exists once Camel has started
            getContext().addStartupListener(new StartupListener() {

                @Override
                public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                }

                @Override
                public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                    openEventStreamsOnTheRouter(context);
                }
            });
        }

        from("direct:ask").routeId("ask")
                .to("dify:chat");

        from("dify:events").routeId("relay-to-browser")
                .process(browsers::deliver);

        from("direct:stopTask").routeId("stop-task")
                .to("dify:stop?taskType=chat");
    }

    /** Whether platform-http sends each part of a {@code text/event-stream} body as it is read: Camel 4.22 or later. */
    static boolean platformHttpStreamsEvents(CamelContext camel) {
        String[] version = camel.getVersion().split("[.-]");
        int major = Integer.parseInt(version[0]);
        int minor = Integer.parseInt(version[1]);
        return major > 4 || major == 4 && minor >= 22;
    }

    // GET /chat on the server of platform-http, Camel 4.18
    private void openEventStreamsOnTheRouter(CamelContext camel) {
        VertxPlatformHttpRouter router = camel.getRegistry()
                .findByType(VertxPlatformHttpRouter.class)
                .stream()
                .filter(candidate -> !candidate.isManagementServer())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no platform-http server in the registry"));
        router.route(HttpMethod.GET, "/chat").handler(browsers::open);
    }

    private static String page() {
        try (InputStream in = ChatWebRoutes.class.getResourceAsStream("/web/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
