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
package org.apache.camel.component.dify.internal.health;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of a {@code dify:} producer: Dify answers {@code GET /} of the endpoint's base URL (no key needed). UP with
 * the server's version in the detail {@code CamelDifyServerVersion}; DOWN with the reason when Dify cannot be reached,
 * answers with an error, or takes longer than the endpoint's connectTimeout.
 */
public class DifyProducerHealthCheck extends AbstractHealthCheck {

    /** The detail that carries the version Dify reports. */
    public static final String SERVER_VERSION = "CamelDifyServerVersion";

    private final DifyConfiguration configuration;
    private final Supplier<DifyClient> client;

    /**
     * @param id            the endpoint's id, which names the check
     * @param configuration the endpoint's options (baseUrl, connectTimeout)
     * @param client        the endpoint's client, asked at each check
     */
    public DifyProducerHealthCheck(String id, DifyConfiguration configuration, Supplier<DifyClient> client) {
        super("camel", "producer:dify-" + id);
        this.configuration = configuration;
        this.client = client;
    }

    @Override
    public boolean isLiveness() {
        // Dify being down makes a route unready, not the application dead
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String baseUrl = configuration.getBaseUrl();
        builder.detail("baseUrl", baseUrl);
        try {
            Map<String, Object> info = client.get()
                    .serverInfo()
                    .get(Math.max(1, configuration.getConnectTimeout()), TimeUnit.MILLISECONDS);
            Object version = info.get("server_version");
            if (version != null) {
                builder.detail(SERVER_VERSION, String.valueOf(version));
            }
            builder.up();
        } catch (ExecutionException e) {
            builder.down()
                    .message("Dify at " + baseUrl + " is not reachable: " + e.getCause().getMessage())
                    .error(e.getCause());
        } catch (TimeoutException e) {
            builder.down().message("Dify at " + baseUrl + " did not answer within connectTimeout").error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted while checking Dify").error(e);
        }
    }
}
