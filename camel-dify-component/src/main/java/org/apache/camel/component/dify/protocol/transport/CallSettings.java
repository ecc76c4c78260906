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
}
