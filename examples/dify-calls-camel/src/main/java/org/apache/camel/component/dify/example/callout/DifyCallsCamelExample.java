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
package org.apache.camel.component.dify.example.callout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.simulator.ApiExtension;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.ExternalKnowledgeApi;
import org.apache.camel.component.dify.simulator.Prompt;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.apache.camel.main.Main;

/**
 * Dify calls Camel: the routes of {@link DifyCallsCamelRoutes} serve a support FAQ as Dify's external knowledge and
 * the support desk's rules and customer directory as an API-based extension. With {@code DIFY_BASE_URL} set, the
 * application serves them on {@code PORT} (8080) until stopped and prints what to register in Dify. Without, it
 * starts the bundled simulator, which registers both as Dify's console would, and asks a support chat app three
 * questions: the answers come from the FAQ route, the customer's tier from the extension route, and a question with a
 * card number is refused by it.
 */
public final class DifyCallsCamelExample {

    static final List<String> QUESTIONS = List.of("How long do refunds take?",
            "When does my order ship? Write to me at jane@example.com",
            "Can you charge my card 4111 1111 1111 1111 again?");

    private DifyCallsCamelExample() {
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = System.getenv("DIFY_BASE_URL");
        if (baseUrl != null && !baseUrl.isBlank()) {
            int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
            String knowledgeKey = keyOf("KNOWLEDGE_API_KEY");
            String extensionKey = keyOf("EXTENSION_API_KEY");
            System.out.println(
                    "Register these in Dify (" + baseUrl + "), with this machine's address reachable from it:");
            System.out.println("  Knowledge > External Knowledge API: http://<this host>:" + port
                    + "/dify/external-knowledge, API key " + knowledgeKey + "; then connect a knowledge base with"
                    + " knowledge ID support-faq");
            System.out.println("  Settings > API Extension: http://<this host>:" + port + "/dify/extension, API key "
                    + extensionKey + "; use it for content moderation and an API-based variable");
            application(port, knowledgeKey, extensionKey, baseUrl).run();
            return;
        }
        try (DifySimulator simulator = DifySimulator.start()) {
            System.out.println("DIFY_BASE_URL not set: the bundled Dify simulator at " + simulator.baseUrl()
                    + " calls the routes");
            askTheSimulatedSupportApp(simulator).forEach(System.out::println);
        }
    }

    /** Camel Main serving the two routes on its HTTP server at {@code port}, on 127.0.0.1 unless on a real Dify. */
    static Main application(int port, String knowledgeKey, String extensionKey, String difyBaseUrl) {
        Main main = new Main();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.host", difyBaseUrl == null ? "127.0.0.1" : "0.0.0.0");
        main.addInitialProperty("camel.server.port", String.valueOf(port));
        main.addInitialProperty("knowledge.apiKey", knowledgeKey);
        main.addInitialProperty("extension.apiKey", extensionKey);
        if (difyBaseUrl != null) {
            main.addInitialProperty("camel.component.dify.baseUrl", difyBaseUrl);
        }
        main.configure().addRoutesBuilder(new DifyCallsCamelRoutes());
        return main;
    }

    /**
     * Starts the routes, registers them in the simulated Dify as its console would, creates the external knowledge
     * base through the Knowledge API, and asks a support chat app that uses all three; answers a line per question.
     */
    static List<String> askTheSimulatedSupportApp(DifySimulator simulator) throws Exception {
        int port = ScriptedServer.unusedPort();
        String knowledgeKey = UUID.randomUUID().toString();
        String extensionKey = UUID.randomUUID().toString();
        Main main = application(port, knowledgeKey, extensionKey, null);
        main.addInitialProperty("camel.component.dify.baseUrl", simulator.baseUrl());
        main.start();
        try {
            String routes = "http://127.0.0.1:" + port;
            ExternalKnowledgeApi faq = simulator.addExternalKnowledgeApi("Support FAQ",
                    routes + "/dify/external-knowledge", knowledgeKey);
            ApiExtension desk = simulator.addApiExtension("Support desk", routes + "/dify/extension", extensionKey);
            ProducerTemplate template = main.getCamelContext().createProducerTemplate();
            Map<?, ?> knowledgeBase = template.requestBody("dify:createDataset?apiKey=" + simulator.createDatasetKey(),
                    Map.of("name", "Support FAQ", "provider", "external", "external_knowledge_api_id", faq.id(),
                            "external_knowledge_id", "support-faq"),
                    Map.class);
            SimulatedApp support = simulator.createApp(AppMode.CHAT)
                    .withKnowledge((String) knowledgeBase.get("id"))
                    .moderatedBy(desk, true, true)
                    .withExternalDataTool("tier", desk)
                    .answerWith(DifyCallsCamelExample::supportAnswer);
            List<String> lines = new ArrayList<>();
            for (String question : QUESTIONS) {
                MessageResult answer = template.requestBodyAndHeader(
                        "dify:chat?fullResponse=true&user=jane&apiKey=" + support.apiKey(), question,
                        DifyConstants.INPUTS, Map.of("customer", "c-1001"), MessageResult.class);
                List<Object> cited = answer.metadata().retrieverResources().stream().map(r -> r.get("title")).toList();
                lines.add(
                        "Q: " + question + "\nA: " + answer.answer() + (cited.isEmpty() ? "" : "\n   cites " + cited));
            }
            return lines;
        } finally {
            main.stop();
        }
    }

    // what the simulated model writes: the best passage the FAQ route gave, for the tier the extension route gave
    private static String supportAnswer(Prompt prompt) {
        String tier = String.valueOf(prompt.inputs().get("tier"));
        if (prompt.context().isEmpty()) {
            return "As a " + tier + " customer you can reach us at help@example.com.";
        }
        return "As a " + tier + " customer: " + prompt.context().get(0).content()
                + " Questions? Write to help@example.com.";
    }

    private static String keyOf(String variable) {
        String key = System.getenv(variable);
        return key == null || key.isBlank() ? UUID.randomUUID().toString() : key;
    }
}
