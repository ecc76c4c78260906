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

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone with one app of every mode and a small knowledge base, and prints the keys:
 * {@code java -jar camel-dify-test.jar [port]} or
 * {@code mvn -pl camel-dify-test exec:java -Dexec.args=8099}.
 */
public final class DifySimulatorMain {

    private DifySimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        DifySimulator simulator = DifySimulator.start(port);
        Duration pacing = Duration.ofMillis(40);
        System.out.println("Dify simulator listening on " + simulator.baseUrl());
        for (AppMode mode : AppMode.values()) {
            SimulatedApp app = simulator.createApp(mode, "app-demo-" + mode.wireName()).pacing(pacing);
            System.out.printf("  %-14s app key %s%n", mode.wireName(), app.apiKey());
        }
        String datasetKey = simulator.createDatasetKey("dataset-demo");
        SimulatedDataset handbook = simulator.createDataset("Handbook");
        handbook.addDocument("handbook.md", DemoContent.HANDBOOK);
        System.out.printf("  %-14s key %s, dataset id %s%n", "knowledge", datasetKey, handbook.id());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();
    }
}
