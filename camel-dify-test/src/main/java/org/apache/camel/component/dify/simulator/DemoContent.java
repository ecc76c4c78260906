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

/** Sample knowledge for demos of the simulator. */
public final class DemoContent {

    /** A short handbook, one topic per paragraph. */
    public static final String HANDBOOK = """
            Camel routes connect systems: a route reads from an endpoint, transforms the message and sends it on.

            Dify is an open-source platform for LLM apps: chatbots, agents, chatflows, text generators and workflows.

            The dify component streams answers by default, which works with agent apps and survives gateway timeouts.

            Knowledge bases in Dify hold documents split into chunks; retrieval returns the chunks closest to a query.

            Support hours are Monday to Friday, 9:00 to 17:00 CET; urgent incidents are handled around the clock.
            """;

    private DemoContent() {
    }
}
