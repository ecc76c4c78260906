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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.apache.camel.component.dify.wire.ScriptedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests say exactly what Dify's spec says: array query parameters repeat, a null in a Map body is sent, and binary
 * operations accept their media type (a gateway that negotiates content must not answer 406).
 */
class DifyRequestFidelityTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedDataset HR = simulator().createDataset("HR");
    private static final SimulatedDataset LEGAL = simulator().createDataset("Legal");
    private static final SimulatedDataset OTHER = simulator().createDataset("Other");
    private static final SimulatedDataset.Document FAQ = HR.addDocument("faq.md", "One.\n\nTwo.");
    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answer("Hi.");
    private static final List<String> ACCEPTS = new ArrayList<>();
    // a gateway in front of Dify that negotiates: 406 unless the request accepts what the endpoint answers
    private static final ScriptedServer GATEWAY = ScriptedServer.start((request, connection) -> {
        String accept = request.headers().getOrDefault("accept", "");
        synchronized (ACCEPTS) {
            ACCEPTS.add(accept);
        }
        String produces = request.target().contains("/preview") ? "image/png"
                : request.target().contains("text-to-audio") ? "audio/mpeg" : "application/zip";
        if (!accept.contains("*/*") && !accept.contains(produces)) {
            connection.json(406, "{\"code\":\"not_acceptable\",\"message\":\"406 Not Acceptable\",\"status\":406}");
        } else {
            connection.binary(produces, new byte[]{1, 2, 3});
        }
    });

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                directRoutes(this, "apiKey=" + KEY, "listDatasets", "createTag", "bindTags");
                directRoutes(this, "apiKey=" + KEY + "&datasetId=" + HR.id() + "&documentId=" + FAQ.id(),
                        "listSegments");
                directRoutes(this, "apiKey=" + BOT.apiKey(), "chat", "messageFeedback");
                String gateway = "baseUrl=" + GATEWAY.baseUrl() + "&apiKey=app-gateway&datasetId=d";
                directRoutes(this, gateway, "filePreview", "textToAudio", "downloadDocumentsZip");
            }
        };
    }

    @Test
    @SuppressWarnings("unchecked")
    void arrayQueryParametersRepeatOneValueEach() {
        Object hrTag = send("direct:createTag", Map.of("name", "hr")).getMessage().getBody(Map.class).get("id");
        Object legalTag = send("direct:createTag", Map.of("name", "legal")).getMessage().getBody(Map.class).get("id");
        send("direct:bindTags", Map.of("tag_ids", List.of(hrTag), "target_id", HR.id()));
        send("direct:bindTags", Map.of("tag_ids", List.of(legalTag), "target_id", LEGAL.id()));

        Exchange tagged = send("direct:listDatasets", null, DifyConstants.PARAMETERS,
                Map.of("tag_ids", List.of(hrTag, legalTag), "limit", 100));

        assertThat((List<Map<String, Object>>) tagged.getMessage().getBody(Map.class).get("data"))
                .extracting(d -> d.get("name"))
                .containsExactlyInAnyOrder("HR", "Legal");
        RecordedRequest request = simulator().requests("GET", "/datasets").get(0);
        assertThat(request.query()).contains("tag_ids=" + hrTag + "&tag_ids=" + legalTag);

        Exchange completed = send("direct:listSegments", null, DifyConstants.PARAMETERS,
                Map.of("status", new String[]{"completed", "indexing"}));
        assertThat((List<?>) completed.getMessage().getBody(Map.class).get("data")).hasSize(2);
    }

    @Test
    void aSingleValuedQueryParameterGivenSeveralValuesFailsBeforeAnythingIsSent() {
        int before = simulator().requests("GET", "/datasets").size();

        Exchange listed = send("direct:listDatasets", null, DifyConstants.PARAMETERS,
                Map.of("keyword", List.of("hr", "legal")));

        assertThat(listed.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyword")
                .hasMessageContaining("takes one value");
        assertThat(simulator().requests("GET", "/datasets")).hasSize(before);
    }

    @Test
    void theUserHeaderWinsOverTheBodysUserAsForEveryOperation() {
        Object messageId = send("direct:chat", "Hello").getMessage().getHeader(DifyConstants.MESSAGE_ID);

        send("direct:messageFeedback", Map.of("rating", "like", "user", "from-body"), DifyConstants.MESSAGE_ID,
                messageId, DifyConstants.USER, "from-header");
        send("direct:chat", "Hello again", DifyConstants.USER, "from-header");

        List<RecordedRequest> feedbacks = simulator().requests("POST", "/messages/" + messageId + "/feedbacks");
        assertThat(feedbacks.get(feedbacks.size() - 1).json().get("user").asText()).isEqualTo("from-header");
        List<RecordedRequest> chats = simulator().requests("POST", "/chat-messages");
        assertThat(chats.get(chats.size() - 1).json().get("user").asText()).isEqualTo("from-header");
    }

    @Test
    void aNullInAMapBodyIsSent() {
        Exchange chat = send("direct:chat", "Hello");
        Object messageId = chat.getMessage().getHeader(DifyConstants.MESSAGE_ID);
        send("direct:messageFeedback", Map.of("rating", "like"), DifyConstants.MESSAGE_ID, messageId);

        // Dify withdraws a feedback when rating is null: the key must reach it
        Map<String, Object> withdraw = new java.util.HashMap<>();
        withdraw.put("rating", null);
        Exchange withdrawn = send("direct:messageFeedback", withdraw, DifyConstants.MESSAGE_ID, messageId);

        assertThat(withdrawn.getException()).isNull();
        List<RecordedRequest> feedbacks = simulator().requests("POST", "/messages/" + messageId + "/feedbacks");
        RecordedRequest last = feedbacks.get(feedbacks.size() - 1);
        assertThat(last.json().has("rating")).isTrue();
        assertThat(last.json().get("rating").isNull()).isTrue();
    }

    @Test
    void binaryOperationsAcceptTheirMediaType() {
        Exchange preview = send("direct:filePreview", null, DifyConstants.FILE_ID, "f-1");
        Exchange audio = send("direct:textToAudio", Map.of("text", "Hello"));
        Exchange zip = send("direct:downloadDocumentsZip", Map.of("document_ids", List.of("a")));

        for (Exchange exchange : List.of(preview, audio, zip)) {
            assertThat(exchange.getException()).isNull();
        }
        assertThat(ACCEPTS).hasSize(3).allSatisfy(accept -> assertThat(accept).isEqualTo("*/*"));
    }
}
