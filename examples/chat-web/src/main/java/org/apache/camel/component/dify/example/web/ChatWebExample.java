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

import java.time.Duration;

import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The chat-web example: open http://localhost:8080 (or {@code PORT}) and ask; the answer appears token by token as the
 * Dify chat app streams it. Runs against {@code DIFY_BASE_URL} / {@code DIFY_API_KEY} (a chat app's key) when set,
 * else against the bundled simulator. Stops with Ctrl+C.
 */
public final class ChatWebExample {

    private ChatWebExample() {
    }

    public static void main(String[] args) throws Exception {
        String port = System.getenv().getOrDefault("PORT", "8080");
        String baseUrl = System.getenv("DIFY_BASE_URL");
        String apiKey = System.getenv("DIFY_API_KEY");
        if (baseUrl != null && !baseUrl.isBlank() && apiKey != null && !apiKey.isBlank()) {
            System.out.println("Using Dify at " + baseUrl + "; open http://localhost:" + port);
            main(baseUrl, apiKey, Integer.parseInt(port)).run();
            return;
        }
        try (DifySimulator simulator = DifySimulator.start()) {
            System.out.println("DIFY_BASE_URL / DIFY_API_KEY not set: using the bundled Dify simulator; open"
                    + " http://localhost:" + port);
            main(simulator.baseUrl(), simulatedChat(simulator), Integer.parseInt(port)).run();
        }
    }

    /** A chat app on the simulator whose answers stream word by word, slowly enough to watch. */
    static String simulatedChat(DifySimulator simulator) {
        return simulator.createApp(AppMode.CHAT)
                .answerWith(prompt -> "You asked: \"" + prompt.query() + "\". A Camel route relays this answer from"
                        + " Dify to your browser as Server-Sent Events, one token at a time, while"
                        + " Dify is still writing it.")
                .pacing(Duration.ofMillis(60))
                .apiKey();
    }

    /** Camel Main with the chat routes on platform-http's Vert.x HTTP server at {@code port}. */
    static Main main(String baseUrl, String apiKey, int port) {
        Main main = new Main();
        main.addMainListener(new MainListenerSupport() {

            @Override
            public void afterConfigure(BaseMainSupport configured) {
                VertxPlatformHttpServerConfiguration server = new VertxPlatformHttpServerConfiguration();
                server.setBindHost("127.0.0.1");
                server.setBindPort(port);
                try {
                    configured.getCamelContext().addService(new VertxPlatformHttpServer(server));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the HTTP server on port " + port, e);
                }
            }
        });
        main.addInitialProperty("camel.component.dify.baseUrl", baseUrl);
        main.addInitialProperty("camel.component.dify.apiKey", apiKey);
        main.addInitialProperty("camel.component.dify.user", "web-visitor");
        main.configure().addRoutesBuilder(new ChatWebRoutes());
        return main;
    }
}
