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
package org.apache.camel.component.dify.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's bytes on the wire, read with the JDK's HTTP client: what Dify itself would send. */
class DifySimulatorWireTest {

    private static final DifySimulator SIM = DifySimulator.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stop() {
        SIM.close();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(SIM.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
    }

    @Test
    void streamsCompactDataLinesWithPingsAndNoSentinel() throws Exception {
        SimulatedApp app = SIM.createApp(AppMode.WORKFLOW).answer("a b");

        HttpResponse<String> response = post(app.apiKey(), "/workflows/run",
                "{\"inputs\":{},\"user\":\"u\",\"response_mode\":\"streaming\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        String body = response.body();
        assertThat(body).startsWith("event: ping\n\ndata: {\"event\":\"workflow_started\",\"workflow_run_id\":");
        assertThat(body).doesNotContain("[DONE]").doesNotContain("\": ").endsWith("}\n\n");
        List<String> frames = List.of(body.split("\n\n"));
        for (String frame : frames) {
            assertThat(frame).matches("event: ping|data: \\{.*\\}");
        }
        JsonNode last = JSON.readTree(frames.get(frames.size() - 1).substring(6));
        assertThat(last.get("event").asText()).isEqualTo("workflow_finished");
        assertThat(last.at("/data/status").asText()).isEqualTo("succeeded");
        assertThat(last.at("/data/outputs/text").asText()).isEqualTo("a b");
        assertThat(frames).filteredOn(f -> f.contains("\"text_chunk\"")).hasSize(2);
    }

    @Test
    void chatFramesCarryTheChatEnvelopeAndErrorsHaveNoTaskId() throws Exception {
        SimulatedApp app = SIM.createApp(AppMode.CHAT)
                .answer("x y z")
                .failNext(new Fault.ErrorEvent(1, 400, "completion_request_error", "boom"));

        String body = post(app.apiKey(), "/chat-messages",
                "{\"query\":\"q\",\"inputs\":{},\"user\":\"u\",\"response_mode\":\"streaming\"}").body();

        String[] frames = body.split("\n\n");
        JsonNode delta = JSON.readTree(frames[0].substring(6));
        assertThat(List.of(JSON.convertValue(delta, Map.class).keySet().toArray())).containsExactly("event",
                "conversation_id", "message_id", "created_at", "task_id", "id", "answer", "from_variable_selector");
        JsonNode error = JSON.readTree(frames[1].substring(6));
        assertThat(error.get("event").asText()).isEqualTo("error");
        assertThat(error.has("task_id")).isFalse();
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(frames).hasSize(2);
    }

    @Test
    void unauthorisedRequestsGetDifysBodyAndHeader() throws Exception {
        HttpResponse<String> noHeader = HTTP.send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/chat-messages"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongKey = post("app-unknown", "/chat-messages", "{}");
        HttpResponse<String> datasetKeyOnApp = post(SIM.createDatasetKey(), "/chat-messages", "{}");

        assertThat(JSON.readTree(noHeader.body()).get("message").asText())
                .isEqualTo("Authorization header must be provided and start with 'Bearer'");
        for (HttpResponse<String> response : List.of(noHeader, wrongKey, datasetKeyOnApp)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
            assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("unauthorized");
        }
        assertThat(JSON.readTree(wrongKey.body()).get("message").asText()).isEqualTo("Access token is invalid");
    }

    @Test
    void multipartUploadsAreParsedWhateverTheBoundary() throws Exception {
        SimulatedApp app = SIM.createApp(AppMode.CHAT);
        String boundary = "----x:quoted boundary";
        // content that starts like the delimiter, and is long enough to cross the reader's 64 KiB buffer
        String content = "line1\r\n------x:quoted\r\n" + "z".repeat(200_000) + "\r\n--";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"user\"\r\n\r\nzoe\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain"
                + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + "/files/upload"))
                .header("Authorization", "Bearer " + app.apiKey())
                .header("Content-Type", "multipart/form-data; boundary=\"" + boundary + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode file = JSON.readTree(response.body());
        assertThat(file.get("size").asLong()).isEqualTo(content.length());
        assertThat(file.size()).isEqualTo(15);
        RecordedRequest recorded = SIM.requests("POST", "/files/upload").get(0);
        assertThat(recorded.formFields()).containsEntry("user", "zoe");
    }

    private static HttpResponse<String> post(String key, String path, String json) throws IOException,
            InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SIM.baseUrl() + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
