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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The consumers Dify calls read no more of a request than maxRequestSize: a larger one is answered 413 before the
 * route, whether it declares its length or streams it chunked, and the server stops reading it (so a client posting a
 * quarter of a gigabyte gets its answer after a few megabytes). The route runs on an exchange of its own.
 */
class DifyCalledRequestLimitsTest extends DifyCalledTestSupport {

    private static final int CAP = 64 * 1024;
    private static final long HUGE = 256L * 1024 * 1024;
    // above the cap and below what platform-http's Vert.x body handler refuses on its own (10 MB)
    private static final int LARGE = 2 * 1024 * 1024;
    private final CopyOnWriteArrayList<Exchange> routed = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:externalKnowledge?apiKey=ek-limits&maxRequestSize=" + CAP
                        + "&externalKnowledgePath=/limits/ek")
                        .process(routed::add)
                        .setBody(constant(java.util.List.of(Map.of("content", "ok", "score", 1.0, "title", "t"))));
                from("dify:extension?apiKey=ext-limits&maxRequestSize=" + CAP + "&extensionPath=/limits/ext")
                        .process(routed::add)
                        .setBody(constant("value"));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"/limits/ek/retrieval|ek-limits", "/limits/ext|ext-limits"})
    void aChunkedBodyPastTheCapIsAnswered413AndNotReadFurther(String target) throws Exception {
        AtomicLong written = new AtomicLong();

        String status = post(target, "Transfer-Encoding: chunked", out -> writeChunks(out, written));

        assertThat(status).startsWith("HTTP/1.1 413");
        // what the loopback's socket buffers hold (up to tens of MB) but far from all of it: the server paused
        assertThat(written.get()).as("bytes the server took before answering, socket buffers included")
                .isLessThan(HUGE / 4);
        assertThat(routed).as("no route ran").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/limits/ek/retrieval|ek-limits", "/limits/ext|ext-limits"})
    void aDeclaredLengthPastTheCapIsAnswered413WithoutTheRoute(String target) throws Exception {
        String status = post(target, "Content-Length: " + LARGE, out -> writeJson(out, LARGE));

        assertThat(status).startsWith("HTTP/1.1 413");
        assertThat(routed).isEmpty();
    }

    /**
     * Posts to {@code target} ("path|key") with the framing header {@code framing}, writing the body with
     * {@code body} while reading the answer; answers the status line.
     */
    private String post(String target, String framing, java.util.function.Consumer<OutputStream> body)
            throws Exception {
        String[] pathAndKey = target.split("\\|");
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + pathAndKey[0] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + pathAndKey[1] + "\r\n" + framing + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> body.accept(out));
            String status = statusLine(socket);
            socket.close(); // the server may hold the rest unread: closing ends the writer
            writer.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
            return status;
        }
    }

    @Test
    void aBodyWithinTheCapReachesTheRouteOnAnExchangeOfItsOwn() throws Exception {
        var answer = post("/limits/ext", "{\"point\":\"app.external_data_tool.query\",\"params\":{\"app_id\":\"a\","
                + "\"tool_variable\":\"v\",\"inputs\":{},\"query\":\"q\"}}", "Bearer ext-limits");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("value");
        Exchange exchange = routed.get(0);
        assertThat(exchange.getFromEndpoint().getEndpointUri()).startsWith("dify://extension");
        Set<String> headers = exchange.getMessage().getHeaders().keySet();
        assertThat(headers).as("no header of the HTTP request reaches the route")
                .noneMatch(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Host")
                        || name.equalsIgnoreCase("Content-Type") || name.startsWith("CamelHttp"));
    }

    @Test
    void aServerComponentThatIsNoHttpServerFailsTheStartNamingTheOption() {
        Throwable failure = catchThrowable(() -> context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("dify:extension?apiKey=k&extensionPath=/limits/none&httpServerComponent=log").to("log:never");
            }
        }));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("httpServerComponent")
                .hasMessageContaining("'log'")
                .hasMessageContaining("platform-http");
    }

    // a valid JSON request of exactly size bytes
    private static void writeJson(OutputStream out, int size) {
        String head = "{\"point\":\"app.external_data_tool.query\",\"knowledge_id\":\"k\",\"query\":\"";
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, body, 0, head.length());
        body[size - 2] = '"';
        body[size - 1] = '}';
        try {
            out.write(body);
            out.flush();
        } catch (IOException closed) {
            // the server answered and closed
        }
    }

    private Socket connect() throws IOException {
        URI uri = URI.create(endpoint("/"));
        return new Socket(uri.getHost(), uri.getPort());
    }

    private static String statusLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
    }

    // 64 KiB chunks of a JSON string until HUGE bytes are written or the connection is gone
    private static void writeChunks(OutputStream out, AtomicLong written) {
        byte[] data = new byte[64 * 1024];
        java.util.Arrays.fill(data, (byte) 'a');
        data[0] = '{';
        byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            while (written.get() < HUGE) {
                out.write(head);
                out.write(data);
                out.write(tail);
                written.addAndGet(data.length);
            }
        } catch (IOException closed) {
            // the server answered and closed, or the test closed the socket
        }
    }
}
