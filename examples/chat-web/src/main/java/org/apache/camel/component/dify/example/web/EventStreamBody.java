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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The body of a platform-http reply that is an event stream being written: frames appended by {@link #write} are read
 * by platform-http (on Camel 4.22+, which sends each read of a {@code text/event-stream} body at once) in the order
 * they came; {@link #end} ends it. A read waits only when no frame is there yet, on the Vert.x worker thread
 * platform-http reads streamed bodies on.
 */
final class EventStreamBody extends InputStream implements BrowserStreams.Sink {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    // the frame being read, and how far
    private byte[] current;
    private int position;
    private boolean ended;

    @Override
    public void write(String frame) {
        frames.add(frame.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void end() {
        frames.add(END);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length && !ended) {
            if (current == null || position == current.length) {
                // wait for a frame only while nothing was copied: what is there goes out now
                current = copied == 0 ? take() : frames.poll();
                position = 0;
                if (current == null) {
                    break;
                }
                if (current == END) {
                    ended = true;
                    break;
                }
            }
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, into, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied == 0 && ended ? -1 : copied;
    }

    private byte[] take() {
        try {
            return frames.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    @Override
    public void close() {
        end();
    }
}
