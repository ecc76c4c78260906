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

/**
 * An API-based extension registered in the simulated workspace, as in Dify's console (Settings, API Extension): apps
 * use it for moderation ({@link SimulatedApp#moderatedBy}) and external data tools
 * ({@link SimulatedApp#withExternalDataTool}), and the simulator posts {@code {"point": ..., "params": ...}} to
 * {@code endpoint} with the bearer {@code apiKey}.
 *
 * @param id       the extension's id
 * @param name     the display name
 * @param endpoint the URL Dify posts to
 * @param apiKey   the key sent as {@code Authorization: Bearer}
 */
public record ApiExtension(String id, String name, String endpoint, String apiKey) {

    @Override
    public String toString() {
        return "ApiExtension[" + name + " at " + endpoint + "]";
    }
}
