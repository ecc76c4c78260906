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

import java.net.URI;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The settings that travel with each request, so that endpoints with different timeouts share one client. What every
 * request derives from them (HttpClient's request config, the target host and base path) is made once here, not per
 * call.
 */
public final class CallSettings {

    private final String baseUrl;
    private final long connectTimeoutMillis;
    private final long requestTimeoutMillis;
    private final long streamIdleTimeoutMillis;
    private final long connectionRequestTimeoutMillis;
    private final int maxFrameSize;
    private final int maxResponseSize;
    private final RequestConfig requestConfig;
    // parsed on the first request, so that a bad baseUrl fails that request as it always did
    private volatile Target target;

    /** Where requests go: the host and the path every request path is appended to. */
    record Target(HttpHost host, String basePath) {
    }

    /**
     * @param baseUrl                        Dify's API root, e.g. {@code https://api.dify.ai/v1}
     * @param connectTimeoutMillis           TCP + TLS connect bound
     * @param requestTimeoutMillis           longest silence on an open connection (response not started, or a
     *                                       stalled body)
     * @param streamIdleTimeoutMillis        longest time a stream may go without a data event (pings do not count)
     * @param connectionRequestTimeoutMillis longest wait for a free pooled connection when all are in use
     * @param maxFrameSize                   largest SSE frame, in bytes
     * @param maxResponseSize                largest non-streamed response body kept in memory, in bytes
     */
    public CallSettings(String baseUrl, long connectTimeoutMillis, long requestTimeoutMillis,
            long streamIdleTimeoutMillis, long connectionRequestTimeoutMillis, int maxFrameSize, int maxResponseSize) {
        this.baseUrl = baseUrl != null && baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.requestTimeoutMillis = requestTimeoutMillis;
        this.streamIdleTimeoutMillis = streamIdleTimeoutMillis;
        this.connectionRequestTimeoutMillis = connectionRequestTimeoutMillis;
        this.maxFrameSize = maxFrameSize;
        this.maxResponseSize = maxResponseSize;
        this.requestConfig = requestConfig(connectTimeoutMillis, requestTimeoutMillis, connectionRequestTimeoutMillis);
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout is deprecated in favour of a per-pool one
    private static RequestConfig requestConfig(long connect, long response, long connectionRequest) {
        return RequestConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(connect))
                .setResponseTimeout(Timeout.ofMilliseconds(response))
                .setConnectionRequestTimeout(connectionRequest > 0
                        ? Timeout.ofMilliseconds(connectionRequest)
                        : Timeout.INFINITE)
                .build();
    }

    /** The same timeouts and limits for calls to another base URL. */
    public CallSettings withBaseUrl(String otherBaseUrl) {
        return new CallSettings(otherBaseUrl, connectTimeoutMillis, requestTimeoutMillis, streamIdleTimeoutMillis,
                connectionRequestTimeoutMillis, maxFrameSize, maxResponseSize);
    }

    /** HttpClient's settings of every request made with these settings. */
    RequestConfig requestConfig() {
        return requestConfig;
    }

    /** The host and base path of {@link #baseUrl()}; throws {@link IllegalArgumentException} if it is no URL. */
    Target target() {
        Target known = target;
        if (known == null) {
            URI uri = URI.create(baseUrl);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("the baseUrl '" + baseUrl + "' is not an absolute http(s) URL");
            }
            known = new Target(HttpHost.create(uri), uri.getRawPath() == null ? "" : uri.getRawPath());
            target = known;
        }
        return known;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long connectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public long requestTimeoutMillis() {
        return requestTimeoutMillis;
    }

    public long streamIdleTimeoutMillis() {
        return streamIdleTimeoutMillis;
    }

    public long connectionRequestTimeoutMillis() {
        return connectionRequestTimeoutMillis;
    }

    public int maxFrameSize() {
        return maxFrameSize;
    }

    public int maxResponseSize() {
        return maxResponseSize;
    }

    @Override
    public String toString() {
        return "CallSettings[" + baseUrl + "]";
    }
}
