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

import javax.net.ssl.SSLContext;

/**
 * How the shared HTTP client is built: one per component and TLS setting, used by all the component's endpoints.
 *
 * @param maxConnections         connection pool size over all Dify hosts; each running stream holds one connection
 * @param maxConnectionsPerRoute connections per Dify host
 * @param ioThreads              I/O reactor threads
 * @param sslContext             TLS context, or {@code null} for the JVM default
 * @param idleConnectionTimeoutMillis a pooled connection idle this long is not used again (nor one idle past what
 *                               the server announced with {@code Keep-Alive: timeout=})
 */
public record TransportSettings(int maxConnections, int maxConnectionsPerRoute, int ioThreads,
        SSLContext sslContext, long idleConnectionTimeoutMillis) {

    public TransportSettings {
        if (idleConnectionTimeoutMillis <= 0) {
            throw new IllegalArgumentException("The option idleConnectionTimeout is " + idleConnectionTimeoutMillis
                    + ": use a positive number of milliseconds");
        }
    }
}
