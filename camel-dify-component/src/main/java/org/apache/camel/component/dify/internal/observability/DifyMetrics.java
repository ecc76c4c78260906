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

import org.apache.camel.CamelContext;
import org.apache.camel.component.dify.DifyOperation;
import org.apache.camel.component.dify.api.DifyErrorCategory;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.internal.binding.OperationTable;

/**
 * What the producers record about each call, when the application has a metrics library. The component works the
 * same without one: {@link #of(CamelContext)} then answers {@link #NONE}, and no metrics class is ever loaded.
 */
public interface DifyMetrics {

    /** Records nothing. */
    DifyMetrics NONE = call -> {
    };

    /** Records one finished call. */
    void record(Call call);

    /**
     * One finished call.
     *
     * @param operation    the component operation
     * @param responseMode streaming or blocking, or {@code null} for an operation without one
     * @param nanos        how long the call took, from sending to its result (for a stream: to its end)
     * @param result       the call's result (a MessageResult carries token usage), or {@code null} when it failed
     * @param error        the failure, or {@code null}
     */
    record Call(DifyOperation operation, String responseMode, long nanos, Object result, Throwable error) {

        /**
         * The Dify app mode the call went to, as far as the call shows it: the mode of a chat or completion answer
         * ({@code chat}, {@code agent-chat}, {@code advanced-chat}, {@code completion}), {@code workflow} for a
         * workflow run, {@code knowledge} for the Knowledge API, else {@code unknown} (a failed chat, or an operation
         * every app mode has, such as uploadFile).
         */
        public String appMode() {
            if (result instanceof MessageResult message && message.mode() != null) {
                return message.mode();
            }
            if (operation == DifyOperation.workflowRun) {
                return "workflow";
            }
            if (operation == DifyOperation.completion) {
                return "completion";
            }
            if (OperationTable.usesKnowledgeKey(operation)) {
                return "knowledge";
            }
            return "unknown";
        }

        /** The error category of the failure, as the error.type attribute of the GenAI conventions. */
        public String errorType() {
            return error == null ? "none" : DifyMetrics.errorType(error);
        }
    }

    /**
     * The meters of the OpenTelemetry GenAI semantic conventions on the context's Micrometer registry, when Micrometer
     * is on the classpath and a MeterRegistry is in Camel's registry (camel-micrometer, Spring Boot Actuator); else
     * {@link #NONE}.
     */
    static DifyMetrics of(CamelContext camelContext) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry", false, DifyMetrics.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return NONE;
        }
        DifyMetrics micrometer = MicrometerDifyMetrics.from(camelContext);
        return micrometer == null ? NONE : micrometer;
    }

    /** The error category of a failure, as the error.type attribute of the GenAI conventions. */
    static String errorType(Throwable error) {
        DifyErrorCategory category = DifyErrorCategory.of(error);
        return category != null ? category.value() : error.getClass().getSimpleName();
    }
}
