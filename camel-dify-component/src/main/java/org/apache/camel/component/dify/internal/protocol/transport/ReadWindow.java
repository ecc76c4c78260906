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

import org.apache.hc.core5.http.nio.CapacityChannel;

/**
 * Credit-based flow control for one response: how many more bytes HttpCore may read from the socket.
 * <p>
 * It mirrors HttpCore's own HTTP/1.1 input window (which starts at {@link #SIZE}, set as the client's initial window):
 * each consumed chunk uses credit, and credit comes back when the reader has made room. Two HttpCore details shape
 * it: the reactor hands over all bytes already in its session buffer even past the window (so an overshoot of one
 * read happens and is simply buffered), and any credit, however small, re-arms reading while the window is still
 * negative, so credit is granted only when it makes the window positive again, and in batches while it is positive.
 * Nothing here waits: the I/O thread and readers only take the short monitor.
 */
final class ReadWindow {

    /** The read window, in bytes: how much may be in flight or unread before the socket is left unread. */
    static final int SIZE = 64 * 1024;

    private long window = SIZE;
    private CapacityChannel channel;
    private ReadGates.Gate gate;

    /** The connection's read gate: closed while the window is used up, so the I/O pass ends there. */
    synchronized void gate(ReadGates.Gate connectionGate) {
        this.gate = connectionGate;
        if (gate != null) {
            gate.open();
        }
    }

    /** The response is over: the connection reads freely again (for its next exchange). */
    synchronized void release() {
        window = Long.MAX_VALUE / 2;
        if (gate != null) {
            gate.open();
        }
    }

    /** The I/O thread consumed {@code bytes} of the response. */
    synchronized void consumed(int bytes) {
        window -= bytes;
        if (window <= 0 && gate != null) {
            gate.close();
        }
    }

    /** HttpCore's channel for more credit, given when the window is used up. */
    synchronized void channel(CapacityChannel capacityChannel) {
        this.channel = capacityChannel;
    }

    /**
     * Lets the connection read on until {@code room} bytes are in flight beyond what the reader holds: {@code SIZE}
     * minus the unread bytes, or 0 when the reader takes nothing more now.
     */
    void refill(long room) throws IOException {
        CapacityChannel target;
        int grant;
        synchronized (this) {
            long wanted = room - window;
            if (channel == null || room <= 0 || wanted <= 0 || window > 0 && wanted < SIZE / 4) {
                return;
            }
            grant = (int) Math.min(wanted, Integer.MAX_VALUE);
            window += grant;
            target = channel;
            if (gate != null) {
                gate.open();
            }
        }
        target.update(grant);
    }
}
