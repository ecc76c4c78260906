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
package org.apache.camel.component.dify.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An HTTP/1.1 server on the loopback interface that answers every request with a script written byte by byte: the
 * wire-level misbehaviour the {@link org.apache.camel.component.dify.simulator.DifySimulator} does not do (it answers
 * as Dify does). A script can keep a stream open after its terminal event, pause between events, ping for ever,
 * send one event of any size, or close a keep-alive connection the client still holds in its pool.
 * <p>
 * It counts the connections it holds open, so a test can assert that the client released every socket: a
 * connection counts as open until the client closes it (or the script does).
 * <p>
 * One platform thread per connection: it is a test server, and its scripts block on purpose.
 */
public final class ScriptedServer implements AutoCloseable {

    /** Answers one request on its connection. */
    @FunctionalInterface
    public interface Script {

        void answer(Request request, Connection connection) throws IOException;
    }

    /** A request as it arrived. */
    public record Request(String method, String target, Map<String, String> headers, byte[] body) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket socket;
    private final Script script;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger idleCloses = new AtomicInteger();
    private final int keepAliveMillis;
    private volatile boolean closed;

    private ScriptedServer(Script script, Duration keepAlive) throws IOException {
        this.script = script;
        this.keepAliveMillis = keepAlive == null ? 0 : Math.toIntExact(keepAlive.toMillis());
        this.socket = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "scripted-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free loopback port that answers every request with {@code script}. */
    public static ScriptedServer start(Script script) {
        return start(script, null);
    }

    /**
     * Starts a server that also closes a connection on which no request began within {@code keepAlive} of the
     * previous answer, as gunicorn (which serves Dify's api container) does with its keep-alive setting: a request
     * the client writes while the server closes is lost, as on a real server.
     */
    public static ScriptedServer start(Script script, Duration keepAlive) {
        try {
            return new ScriptedServer(script, keepAlive);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback server socket", e);
        }
    }

    /** Connections the server closed because no request came within its keep-alive time. */
    public int idleCloses() {
        return idleCloses.get();
    }

    /** A loopback port nothing listens on (it was free a moment ago): for a test server to bind, or to be refused. */
    public static int unusedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free loopback port", e);
        }
    }

    /** The base URL to give the client, with Dify's {@code /v1} prefix. */
    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    /** Connections the server holds open now. */
    public int openConnections() {
        return open.size();
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Requests answered (or being answered) so far. */
    public int requests() {
        return requests.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                open.add(client);
                accepted.incrementAndGet();
                Thread worker = new Thread(() -> serve(client), "scripted-server-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                if (!closed) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            Connection connection = new Connection(client);
            while (!closed && !connection.closed) {
                Request request;
                try {
                    client.setSoTimeout(keepAliveMillis);
                    request = readRequest(in, client);
                } catch (SocketTimeoutException e) {
                    idleCloses.incrementAndGet();
                    return; // keep-alive time over: close, whatever the client may be writing just now
                }
                if (request == null) {
                    return; // the client closed the connection
                }
                requests.incrementAndGet();
                script.answer(request, connection);
                connection.out.flush();
            }
        } catch (IOException e) {
            // the client went away: the connection is over
        } finally {
            open.remove(client);
        }
    }

    private static Request readRequest(InputStream in, Socket client) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        client.setSoTimeout(0); // a request began: the keep-alive time no longer applies
        String head = (char) first + readHead(in, first);
        if (head == null) {
            return null;
        }
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = new byte[0];
        String length = headers.get("content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        }
        return new Request(start[0], start.length > 1 ? start[1] : "/", headers, body);
    }

    private static String readHead(InputStream in, int first) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = first == '\r' ? 1 : 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                readLine(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing only releases
        }
        for (Socket client : open) {
            try {
                client.close();
            } catch (IOException e) {
                // closing only releases
            }
        }
    }

    /** The connection a script writes its answer to. */
    public static final class Connection {

        private final Socket socket;
        private final OutputStream out;
        private boolean chunked;
        private volatile boolean closed;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        /** A complete JSON answer with a length, keeping the connection alive. */
        public void json(int status, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            write("HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: keep-alive\r\n\r\n");
            out.write(body);
            out.flush();
        }

        /** A complete answer with these extra headers (e.g. Retry-After, Content-Encoding), keeping the connection. */
        public void respond(int status, String contentType, Map<String, String> headers, byte[] body)
                throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: keep-alive\r\n\r\n");
            write(head.toString());
            out.write(body);
            out.flush();
        }

        /** Raw bytes on the wire, e.g. a malformed response. */
        public void raw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Resets the connection (TCP RST): the client sees "connection reset", not an orderly close. */
        public void reset() throws IOException {
            closed = true;
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /** A complete binary answer of this media type, keeping the connection alive. */
        public void binary(String contentType, byte[] body) throws IOException {
            write("HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: keep-alive\r\n\r\n");
            out.write(body);
            out.flush();
        }

        /** Starts a chunked {@code text/event-stream} answer, as Dify's server does. */
        public void startEventStream() throws IOException {
            startEventStream(Map.of());
        }

        /** Starts a chunked {@code text/event-stream} answer with these extra headers (e.g. Keep-Alive). */
        public void startEventStream(Map<String, String> headers) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8"
                    + "\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            write(head.append("\r\n").toString());
            chunked = true;
            out.flush();
        }

        /** One {@code data:} event frame, as its own chunk. */
        public void event(String json) throws IOException {
            chunk("data: " + json + "\n\n");
        }

        /** Dify's keep-alive frame. */
        public void ping() throws IOException {
            chunk("event: ping\n\n");
        }

        /** Raw text as one chunk of the body. */
        public void chunk(String text) throws IOException {
            chunk(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Raw bytes as one chunk of the body (e.g. a compressed or malformed frame); nothing for no bytes. */
        public void chunk(byte[] bytes) throws IOException {
            if (bytes.length == 0) {
                return; // a zero-length chunk would end the body
            }
            write(Integer.toHexString(bytes.length) + "\r\n");
            out.write(bytes);
            write("\r\n");
            out.flush();
        }

        /** Ends the chunked body: the response is complete and the connection may be reused. */
        public void endStream() throws IOException {
            if (chunked) {
                write("0\r\n\r\n");
                chunked = false;
                out.flush();
            }
        }

        /** Pings every {@code interval} until the client closes the connection (the write then fails). */
        public void pingUntilClosed(Duration interval) throws IOException {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                pause(interval);
                ping();
            }
            close();
        }

        /** Waits, holding the connection. */
        public void pause(Duration duration) {
            LockSupport.parkNanos(duration.toNanos());
        }

        /** Closes the socket (a keep-alive connection the client may still hold in its pool). */
        public void close() throws IOException {
            closed = true;
            socket.close();
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        private static String reason(int status) {
            return status == 200 ? "OK" : status < 300 ? "Success" : "Error";
        }
    }
}
