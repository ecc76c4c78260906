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
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;

/** The GenAI span attributes with camel-opentelemetry (camel-tracing). */
class DifySpanTest extends GenAiSpanTestSupport {

    @Override
    protected void trace(CamelContext camel, OpenTelemetrySdk openTelemetry) {
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(openTelemetry.getTracer("dify-test"));
        tracer.init(camel);
    }

    @Override
    protected Long tokens(Attributes attributes, String key) {
        return attributes.get(AttributeKey.longKey(key));
    }
}
