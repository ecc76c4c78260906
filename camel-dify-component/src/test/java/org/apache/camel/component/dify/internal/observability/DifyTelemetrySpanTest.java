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

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;

/** The GenAI span attributes with camel-opentelemetry2 (camel-telemetry), whose spans take text attributes only. */
class DifyTelemetrySpanTest extends GenAiSpanTestSupport {

    @Override
    protected void trace(CamelContext camel, OpenTelemetrySdk openTelemetry) {
        // camel-opentelemetry2 takes its tracer and propagators from Camel's registry
        camel.getRegistry().bind("tracer", Tracer.class, openTelemetry.getTracer("dify-test"));
        camel.getRegistry().bind("propagators", ContextPropagators.class, openTelemetry.getPropagators());
        new OpenTelemetryTracer().init(camel);
    }

    @Override
    protected Long tokens(Attributes attributes, String key) {
        String text = attributes.get(AttributeKey.stringKey(key));
        return text == null ? null : Long.valueOf(text);
    }
}
