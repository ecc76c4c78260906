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
package org.apache.camel.component.dify.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link DifySimulator} on a free loopback port for the tests of a class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static DifySimulatorExtension dify = new DifySimulatorExtension();
 * </pre>
 *
 * The simulator starts before the class's {@code @BeforeAll} methods run and is available from the field at once, so
 * it can be used while the test's Camel context is created.
 */
public final class DifySimulatorExtension implements BeforeAllCallback, AfterAllCallback {

    private DifySimulator simulator;

    /** The running simulator (started on first use). */
    public synchronized DifySimulator simulator() {
        if (simulator == null) {
            simulator = DifySimulator.start();
        }
        return simulator;
    }

    /** Shortcut for {@code simulator().baseUrl()}. */
    public String baseUrl() {
        return simulator().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
