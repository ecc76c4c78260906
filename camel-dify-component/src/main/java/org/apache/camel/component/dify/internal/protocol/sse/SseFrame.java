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
package org.apache.camel.component.dify.internal.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One dispatched Server-Sent Events frame: the fields of a block of lines ended by a blank line.
 * <p>
 * The data is kept as the UTF-8 bytes it arrived in: JSON is parsed straight from them, and the text is decoded only
 * when someone asks for it (a typed event's raw JSON), so the common path decodes nothing twice.
 */
public final class SseFrame {

    private final String event;
    private final byte[] dataBytes;
    private final String id;
    private String data;

    /**
     * @param event the {@code event:} field, or {@code null} when the frame had none (Dify puts the event name inside
     *              the JSON of {@code data})
     * @param data  the {@code data:} lines joined with {@code \n}; never empty (frames without data are not
     *              dispatched)
     * @param id    the last event id: the latest {@code id:} field of the stream so far, or {@code null}
     */
    public SseFrame(String event, String data, String id) {
        this(event, data.getBytes(StandardCharsets.UTF_8), id);
        this.data = data;
    }

    /** A frame whose data is the UTF-8 bytes {@code dataBytes} (owned by the frame from now on). */
    public SseFrame(String event, byte[] dataBytes, String id) {
        this.event = event;
        this.dataBytes = dataBytes;
        this.id = id;
    }

    /** The {@code event:} field, or {@code null}. */
    public String event() {
        return event;
    }

    /** The {@code data:} lines joined with {@code \n}. */
    public String data() {
        String text = data;
        if (text == null) {
            text = new String(dataBytes, StandardCharsets.UTF_8);
            data = text;
        }
        return text;
    }

    /** The data as UTF-8 bytes; not to be modified. */
    public byte[] dataBytes() {
        return dataBytes;
    }

    /** The last event id: the latest {@code id:} field of the stream so far, or {@code null} before any. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SseFrame frame && Objects.equals(event, frame.event)
                && Arrays.equals(dataBytes, frame.dataBytes) && Objects.equals(id, frame.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, Arrays.hashCode(dataBytes), id);
    }

    @Override
    public String toString() {
        return "SseFrame[event=" + event + ", data=" + data() + ", id=" + id + "]";
    }
}
