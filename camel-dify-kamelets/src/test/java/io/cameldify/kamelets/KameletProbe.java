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
package io.cameldify.kamelets;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.main.KameletMain;

/**
 * Runs routes on KameletMain inside the class loader {@link DifyKameletDependenciesTest} builds, and answers in JDK
 * types only, so that the test (in the ordinary class loader) can drive it by reflection.
 */
public final class KameletProbe {

    private KameletMain main;
    private CamelContext camel;

    /** Starts KameletMain with {@code properties} and the routes at {@code routes} (a classpath: location). */
    public void start(Map<String, String> properties, String routes) throws Exception {
        main = new KameletMain("dify-kamelet-dependencies");
        main.setDownload(false); // the class path is exactly what the test built: nothing is fetched
        properties.forEach(main::addInitialProperty);
        main.configure().withRoutesIncludePattern(routes);
        main.start();
        camel = main.getCamelContext();
    }

    /** Sends {@code body} with {@code headers} to {@code uri}; answers the body out as text, or the failure. */
    public String request(String uri, Object body, Map<String, Object> headers) {
        Exchange answer = camel.createProducerTemplate().request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new java.util.HashMap<>(headers));
        });
        if (answer.getException() != null) {
            return "failed: " + answer.getException();
        }
        return answer.getMessage().getBody(String.class);
    }

    /** The headers and body of the next exchange at {@code uri}, as text, or {@code null} after {@code millis}. */
    public String receive(String uri, long millis) {
        Exchange received = camel.createConsumerTemplate().receive(uri, millis);
        return received == null ? null : received.getMessage().getHeaders() + " " + received.getMessage().getBody();
    }

    public void stop() {
        if (main != null) {
            main.stop();
        }
    }
}
