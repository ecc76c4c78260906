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
package org.apache.camel.component.dify.benchmark;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The loopback server of {@link ClientComparisonBenchmark}, run in its own JVM so that it does not share the client's
 * heap, JIT and GC. It answers {@code POST /v1/chat-messages} in Dify's wire format (blocking JSON, or a chunked
 * {@code text/event-stream}) as fast as it can; the request's {@code query} picks the stream's shape:
 * <ul>
 * <li>{@code events:N} — N one-word {@code message} deltas and a {@code message_end}, written without pause;</li>
 * <li>{@code pause:N:MS} — the first delta, a pause of MS milliseconds, then the rest (first-token latency);</li>
 * <li>{@code paced:N:MS} — N deltas MS milliseconds apart (many concurrent long streams).</li>
 * </ul>
 * {@code POST /v1/files/upload} reads the body to its end, keeping nothing, and answers with its size.
 * Prints {@code PORT <n>} when it listens; ends when its standard input closes.
 */
public final class BenchServer {

    private static final Pattern QUERY = Pattern.compile("\"query\"\\s*:\\s*\"([a-z]+):(\\d+)(?::(\\d+))?\"");
    private static final byte[] BLOCKING = ("{\"event\":\"message\",\"task_id\":\"t-1\",\"id\":\"m-1\",\"message_id\":"
            + "\"m-1\",\"conversation_id\":\"c-1\",\"mode\":\"chat\",\"answer\":\"The"
            + " quick brown fox jumps over the lazy dog.\",\"metadata\":{\"usage\":"
            + "{\"prompt_tokens\":12,\"completion_tokens\":10,\"total_tokens\":22,"
            + "\"currency\":\"USD\",\"latency\":0.5}},\"created_at\":1700000000}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] DELTA = ("data: {\"event\":\"message\",\"conversation_id\":\"c-1\",\"message_id\":\"m-1\","
            + "\"created_at\":1700000000,\"task_id\":\"t-1\",\"id\":\"m-1\",\"answer\":"
            + "\"word \",\"from_variable_selector\":null}\n\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = ("data: {\"event\":\"message_end\",\"conversation_id\":\"c-1\",\"message_id\":"
            + "\"m-1\",\"created_at\":1700000000,\"task_id\":\"t-1\",\"id\":\"m-1\","
            + "\"metadata\":{\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":10,"
            + "\"total_tokens\":22}},\"files\":null}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private BenchServer() {
    }

    /** A BenchServer in a JVM of its own, on the benchmark's classpath; closing it ends that JVM. */
    static final class Forked implements AutoCloseable {

        private final Process process;
        private final int port;

        private Forked(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        /** Starts the server's JVM and waits until it listens. */
        static Forked start() throws IOException {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), BenchServer.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("PORT ")) {
                process.destroyForcibly();
                throw new IOException("the bench server did not start: " + line);
            }
            return new Forked(process, Integer.parseInt(line.substring("PORT ".length())));
        }

        int port() {
            return port;
        }

        /** The base URL a Dify client is given, {@code http://127.0.0.1:<port>/v1}. */
        String baseUrl() {
            return "http://127.0.0.1:" + port + "/v1";
        }

        @Override
        public void close() throws IOException, InterruptedException {
            process.getOutputStream().close();
            process.waitFor(10, TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat-messages", BenchServer::answer);
        server.createContext("/v1/files/upload", BenchServer::upload);
        server.start();
        System.out.println("PORT " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the benchmark closes our standard input
        }
        server.stop(0);
        System.exit(0);
    }

    /** Reads an upload to its end, keeping nothing, and answers as Dify does with the bytes it read as the size. */
    private static void upload(HttpExchange exchange) throws IOException {
        try (exchange) {
            long size = 0;
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = exchange.getRequestBody().read(buffer)) >= 0;) {
                size += n;
            }
            byte[] body = ("{\"id\":\"f-1\",\"name\":\"upload.bin\",\"size\":" + size + ",\"extension\":\"bin\","
                    + "\"mime_type\":\"application/octet-stream\",\"created_by\":\"u-1\",\"created_at\":1700000000}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (body.contains("\"blocking\"")) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, BLOCKING.length);
                exchange.getResponseBody().write(BLOCKING);
                return;
            }
            Matcher query = QUERY.matcher(body);
            if (!query.find()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            String shape = query.group(1);
            int events = Integer.parseInt(query.group(2));
            long pauseNanos = query.group(3) == null ? 0 : Long.parseLong(query.group(3)) * 1_000_000L;
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024);
            for (int i = 0; i < events; i++) {
                out.write(DELTA);
                if (shape.equals("pause") && i == 0 || shape.equals("paced")) {
                    out.flush();
                    LockSupport.parkNanos(pauseNanos);
                }
            }
            out.write(END);
            out.flush();
        }
    }
}
