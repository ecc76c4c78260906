package org.apache.camel.component.dify.protocol.transport;

import javax.net.ssl.SSLContext;

/**
 * How the shared HTTP client is built: one per component and TLS setting, used by all the component's endpoints.
 *
 * @param maxConnections         connection pool size over all Dify hosts; each running stream holds one connection
 * @param maxConnectionsPerRoute connections per Dify host
 * @param ioThreads              I/O reactor threads
 * @param sslContext             TLS context, or {@code null} for the JVM default
 */
public record TransportSettings(int maxConnections, int maxConnectionsPerRoute, int ioThreads,
        SSLContext sslContext) {
}
