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

/** Turns a successful (2xx) response into a result; error responses never reach it. */
public interface ResponseHandler<T> {

    /** A complete non-streamed body (empty for 201/204 without content). */
    T onBody(int status, String contentType, byte[] body) throws IOException;

    /**
     * The handler for a {@code text/event-stream} response, or {@code null} when this call does not expect a stream
     * (the response is then reported as invalid).
     */
    default EventStreamHandler<T> onEventStream() {
        return null;
    }

    /**
     * Whether a successful response of this content type is binary and should reach the caller as a
     * {@link StreamedBody} while it arrives (the call's result is then that stream).
     */
    default boolean streamsBinary(String contentType) {
        return false;
    }
}
