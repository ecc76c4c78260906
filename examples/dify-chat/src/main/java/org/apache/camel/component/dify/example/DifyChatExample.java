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
package org.apache.camel.component.dify.example;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.RoutePolicySupport;

/**
 * The main example: a Java route that asks a Dify chat app three questions in one conversation and prints the
 * answers token by token as they stream. Runs against {@code DIFY_BASE_URL} / {@code DIFY_API_KEY} when set, else against the bundled simulator.
 */
public final class DifyChatExample {

    private DifyChatExample() {
    }

    public static void main(String[] args) throws Exception {
        try (ExampleDify dify = ExampleDify.fromEnvironment()) {
            run(new Main(), dify.camelProperties(), false);
        }
    }

    /** Runs the route once (all questions) with Camel Main, then stops. */
    static void run(Main main, Properties properties, boolean yaml) throws Exception {
        main.setOverrideProperties(properties);
        if (yaml) {
            main.configure().withRoutesIncludePattern("classpath:routes/dify-chat.camel.yaml");
        } else {
            main.configure().addRoutesBuilder(new ChatRoute());
        }
        // the timer fires once: Camel Main ends when that exchange is done (all questions answered, or one failed),
        // not after an idle time, which a slow machine can reach before the route even starts
        main.addMainListener(new MainListenerSupport() {

            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                configured.getCamelContext().addRoutePolicyFactory(this::stopMainWhenAsked);
            }

            private RoutePolicy stopMainWhenAsked(CamelContext context, String routeId, NamedNode route) {
                return routeId.startsWith(ROUTE_ID) ? new RoutePolicySupport() {

                    @Override
                    public void onExchangeDone(Route done, Exchange exchange) {
                        main.completed();
                    }
                } : null;
            }
        });
        main.run();
    }

    /** The id of the Java route, and how the YAML route's id starts. */
    static final String ROUTE_ID = "dify-chat";
}
