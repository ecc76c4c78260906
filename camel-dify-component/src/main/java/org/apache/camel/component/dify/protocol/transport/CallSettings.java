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
package org.apache.camel.component.dify.protocol.transport;

/**
 * The settings that travel with each request, so that endpoints with different timeouts share one client.
 *
 * @param baseUrl                      Dify's API root, e.g. {@code https://api.dify.ai/v1}
 * @param connectTimeoutMillis         TCP + TLS connect bound
 * @param requestTimeoutMillis         longest silence on an open connection (response not started, or a stalled
 *                                     body)
 * @param streamIdleTimeoutMillis      longest time a stream may go without a data event (pings do not count)
 * @param connectionRequestTimeoutMillis longest wait for a free pooled connection when all are in use
 * @param maxFrameSize                 largest SSE frame, in bytes
 * @param maxResponseSize              largest non-streamed response body kept in memory, in bytes
 */
public record CallSettings(String baseUrl, long connectTimeoutMillis, long requestTimeoutMillis,
        long streamIdleTimeoutMillis, long connectionRequestTimeoutMillis, int maxFrameSize, int maxResponseSize) {

    public CallSettings {
        if (baseUrl != null && baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
    }

    /** The same timeouts and limits for calls to another base URL. */
    public CallSettings withBaseUrl(String otherBaseUrl) {
        return new CallSettings(otherBaseUrl, connectTimeoutMillis, requestTimeoutMillis, streamIdleTimeoutMillis,
                connectionRequestTimeoutMillis, maxFrameSize, maxResponseSize);
    }
}
