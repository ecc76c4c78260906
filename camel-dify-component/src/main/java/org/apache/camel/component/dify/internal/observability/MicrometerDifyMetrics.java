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
package org.apache.camel.component.dify.internal.observability;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.Usage;
import org.apache.camel.component.dify.api.WorkflowRunResult;

/**
 * The GenAI client meters of the OpenTelemetry semantic conventions (gen_ai.client.token.usage,
 * gen_ai.client.operation.duration) and Dify's own time to first token (gen_ai.server.time_to_first_token, as Dify
 * measures it), tagged with gen_ai.system=dify, gen_ai.operation.name, dify.app.mode, dify.response_mode and error.type
 * (the error category, {@code none} for a call that succeeded).
 */
final class MicrometerDifyMetrics implements DifyMetrics {

    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    static final String TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";

    private final MeterRegistry registry;

    private MicrometerDifyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics on the one MeterRegistry in Camel's registry, or {@code null} when there is none. */
    static DifyMetrics from(CamelContext camelContext) {
        Set<MeterRegistry> registries = camelContext.getRegistry().findByType(MeterRegistry.class);
        return registries.size() == 1 ? new MicrometerDifyMetrics(registries.iterator().next()) : null;
    }

    @Override
    public void record(Call call) {
        String operation = call.operation().name();
        String mode = call.responseMode() == null ? "none" : call.responseMode();
        String appMode = call.appMode();
        Timer.builder(OPERATION_DURATION)
                .description("Duration of a Dify call, from sending the request to its result (a stream: its end)")
                .tag("gen_ai.system", "dify")
                .tag("gen_ai.operation.name", operation)
                .tag("dify.app.mode", appMode)
                .tag("dify.response_mode", mode)
                .tag("error.type", call.errorType())
                .register(registry)
                .record(call.nanos(), TimeUnit.NANOSECONDS);
        Object result = call.result();
        Usage usage = result instanceof MessageResult message ? message.usage() : null;
        if (usage != null) {
            tokens(operation, appMode, mode, "input", usage.promptTokens());
            tokens(operation, appMode, mode, "output", usage.completionTokens());
            if (usage.timeToFirstToken() != null) {
                Timer.builder(TIME_TO_FIRST_TOKEN)
                        .description("Time to the first token of an answer, as Dify measured it")
                        .tag("gen_ai.system", "dify")
                        .tag("gen_ai.operation.name", operation)
                        .tag("dify.app.mode", appMode)
                        .register(registry)
                        .record((long) (usage.timeToFirstToken() * 1_000_000_000L), TimeUnit.NANOSECONDS);
            }
        } else if (result instanceof WorkflowRunResult run && run.data() != null && run.data().totalTokens() != null) {
            // a workflow run reports its total only
            tokens(operation, appMode, mode, "total", run.data().totalTokens().intValue());
        }
    }

    private void tokens(String operation, String appMode, String mode, String type, Integer count) {
        if (count != null) {
            DistributionSummary.builder(TOKEN_USAGE)
                    .description("Tokens a Dify call used")
                    .baseUnit("{token}")
                    .tag("gen_ai.system", "dify")
                    .tag("gen_ai.operation.name", operation)
                    .tag("gen_ai.token.type", type)
                    .tag("dify.app.mode", appMode)
                    .tag("dify.response_mode", mode)
                    .register(registry)
                    .record(count);
        }
    }
}
