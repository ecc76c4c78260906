package org.apache.camel.component.dify.protocol.transport;

import javax.net.ssl.SSLContext;

/**
 * How the transport connects and reads.
 *
 * @param baseUrl                Dify's API root, e.g. {@code https://api.dify.ai/v1}
 * @param connectTimeoutMillis   TCP + TLS connect bound
 * @param requestTimeoutMillis   longest silence on an open connection (response not started, or a stalled body)
 * @param streamIdleTimeoutMillis longest time a stream may go without a data event (pings do not count)
 * @param maxConnections         connection pool size
 * @param maxConnectionsPerRoute connections per Dify host
 * @param ioThreads              I/O reactor threads
 * @param maxFrameSize           largest SSE frame, in bytes
 * @param maxResponseSize        largest non-streamed response body kept in memory, in bytes
 * @param sslContext             TLS context, or {@code null} for the JVM default
 */
public record TransportSettings(String baseUrl, long connectTimeoutMillis, long requestTimeoutMillis,
        long streamIdleTimeoutMillis, int maxConnections, int maxConnectionsPerRoute, int ioThreads, int maxFrameSize,
        int maxResponseSize, SSLContext sslContext) {
}
