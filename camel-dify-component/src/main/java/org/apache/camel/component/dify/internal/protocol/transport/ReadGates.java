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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

import org.apache.hc.core5.function.Decorator;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;

/**
 * One read gate per connection, so that a response whose reader is behind stops reading within the current I/O
 * pass.
 * <p>
 * HttpCore's HTTP/1.1 input window alone does not bound what a consumer receives: within one I/O pass the chunked
 * decoder keeps refilling from the socket while data is there, so on a fast connection a paused response can take in
 * megabytes before the pass ends. The gate closes the socket to reads (a read answers 0 bytes, which ends the pass)
 * while the response's {@link ReadWindow} is used up, and opens it again with the next credit; HttpCore has by then
 * stopped selecting the socket for reading, so no pass spins on a closed gate. Nothing waits: the pass just ends.
 * <p>
 * Gates are found by the connection's local address, which the response sees in its context's endpoint details.
 */
final class ReadGates implements Decorator<IOSession> {

    /** Whether one connection may read now. */
    static final class Gate {

        private volatile boolean open = true;

        void open() {
            open = true;
        }

        void close() {
            open = false;
        }

        boolean isOpen() {
            return open;
        }
    }

    private final Map<SocketAddress, Gate> gates = new ConcurrentHashMap<>();

    @Override
    public IOSession decorate(IOSession session) {
        return new GatedSession(session);
    }

    /** The gate of the connection with this local address, or {@code null} when it is not known. */
    Gate gateOf(SocketAddress local) {
        return local == null ? null : gates.get(local);
    }

    private final class GatedSession implements IOSession {

        private final IOSession session;
        private volatile SocketAddress local;
        private volatile Gate gate = new Gate();

        GatedSession(IOSession session) {
            this.session = session;
        }

        // a connecting socket has no local address yet: the gate is registered once it has (before the request is
        // written, so always before its response arrives); the plain and the TLS session of a connection share it
        private void register() {
            if (local == null) {
                SocketAddress address = session.getLocalAddress();
                if (address != null) {
                    gate = gates.computeIfAbsent(address, key -> gate);
                    local = address;
                }
            }
        }

        private void unregister() {
            SocketAddress address = local;
            if (address != null) {
                gates.remove(address, gate);
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            register();
            return gate.isOpen() ? session.read(dst) : 0;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            register();
            return session.write(src);
        }

        @Override
        public void close() {
            unregister();
            session.close();
        }

        @Override
        public void close(CloseMode closeMode) {
            unregister();
            session.close(closeMode);
        }

        @Override
        public boolean isOpen() {
            boolean open = session.isOpen();
            if (!open) {
                unregister();
            }
            return open;
        }

        @Override
        public IOEventHandler getHandler() {
            return session.getHandler();
        }

        @Override
        public void upgrade(IOEventHandler handler) {
            session.upgrade(handler);
        }

        @Override
        public Lock getLock() {
            return session.getLock();
        }

        @Override
        public void enqueue(Command command, Command.Priority priority) {
            session.enqueue(command, priority);
        }

        @Override
        public boolean hasCommands() {
            return session.hasCommands();
        }

        @Override
        public Command poll() {
            return session.poll();
        }

        @Override
        public ByteChannel channel() {
            return this;
        }

        @Override
        public SocketAddress getRemoteAddress() {
            return session.getRemoteAddress();
        }

        @Override
        public SocketAddress getLocalAddress() {
            return session.getLocalAddress();
        }

        @Override
        public int getEventMask() {
            return session.getEventMask();
        }

        @Override
        public void setEventMask(int ops) {
            session.setEventMask(ops);
        }

        @Override
        public void setEvent(int op) {
            session.setEvent(op);
        }

        @Override
        public void clearEvent(int op) {
            session.clearEvent(op);
        }

        @Override
        public Status getStatus() {
            return session.getStatus();
        }

        @Override
        public Timeout getSocketTimeout() {
            return session.getSocketTimeout();
        }

        @Override
        public void setSocketTimeout(Timeout timeout) {
            session.setSocketTimeout(timeout);
        }

        @Override
        public long getLastReadTime() {
            return session.getLastReadTime();
        }

        @Override
        public long getLastWriteTime() {
            return session.getLastWriteTime();
        }

        @Override
        public long getLastEventTime() {
            return session.getLastEventTime();
        }

        @Override
        public void updateReadTime() {
            session.updateReadTime();
        }

        @Override
        public void updateWriteTime() {
            session.updateWriteTime();
        }

        @Override
        public String getId() {
            return session.getId();
        }

        @Override
        public String toString() {
            return session.toString();
        }
    }
}
