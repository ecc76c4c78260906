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

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The app endpoints of the simulator (app key): a table of method and path template to the handler that answers,
 * written from Dify's controllers (langgenius/dify api/controllers/service_api/app/), not from the client's tables, so
 * the simulator stays an independent oracle. Conversations and app records route their own sub-paths.
 */
final class AppRoutes {

    /** Answers one request of an authenticated app; {@code params} holds the path template's values. */
    @FunctionalInterface
    interface Handler {

        void handle(Call call, SimulatedApp app, Fault fault, Map<String, String> params) throws IOException;
    }

    private record Route(String method, String[] template, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final DifySimulator sim;
    private final Conversations conversations;
    private final AppRecords appRecords;

    AppRoutes(DifySimulator sim, Generation generation, HumanInput humanInput, Conversations conversations,
            AppRecords appRecords, Uploads uploads) {
        this.sim = sim;
        this.conversations = conversations;
        this.appRecords = appRecords;
        add("POST", "/chat-messages", (call, app, fault, p) -> generation.chat(call, app, fault));
        add("POST", "/completion-messages", (call, app, fault, p) -> generation.completion(call, app, fault));
        add("POST", "/workflows/run", (call, app, fault, p) -> generation.workflow(call, app, fault, null));
        add("POST", "/workflows/{workflow_id}/run",
                (call, app, fault, p) -> generation.workflow(call, app, fault, p.get("workflow_id")));
        add("POST", "/chat-messages/{task_id}/stop",
                (call, app, fault, p) -> generation.stop(call, app, call.segments()));
        add("POST", "/completion-messages/{task_id}/stop",
                (call, app, fault, p) -> generation.stop(call, app, call.segments()));
        add("POST", "/workflows/tasks/{task_id}/stop",
                (call, app, fault, p) -> generation.stop(call, app, call.segments()));
        add("GET", "/workflow/{workflow_run_id}/events",
                (call, app, fault, p) -> generation.events(call, app, p.get("workflow_run_id"), fault));
        add("*", "/form/human_input/{form_token}",
                (call, app, fault, p) -> humanInput.handle(call, app, p.get("form_token")));
        add("POST", "/files/upload", (call, app, fault, p) -> uploads.upload(call, app));
        add("GET", "/files/{file_id}/preview", (call, app, fault, p) -> uploads.preview(call, app, p.get("file_id")));
        add("POST", "/audio-to-text", (call, app, fault, p) -> uploads.audioToText(call, app));
        add("POST", "/text-to-audio", (call, app, fault, p) -> uploads.textToAudio(call, app));
    }

    private void add(String method, String template, Handler handler) {
        routes.add(new Route(method, template.substring(1).split("/"), handler));
    }

    /** Answers the request, or Dify's 404 when no app endpoint has its method and path. */
    void dispatch(Call call, SimulatedApp app, Fault fault) throws IOException {
        String[] seg = call.segments();
        for (Route route : routes) {
            Map<String, String> params = match(route, call.method, seg);
            if (params != null) {
                route.handler().handle(call, app, fault, params);
                return;
            }
        }
        if (conversations.handles(call, seg)) {
            conversations.handle(call, app, seg);
        } else if (appRecords.handles(call, seg)) {
            appRecords.handle(call, app, seg);
        } else {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 404, "not_found", DifySimulator.NOT_FOUND_URL);
        }
    }

    private static Map<String, String> match(Route route, String method, String[] seg) {
        if (!route.method().equals("*") && !route.method().equals(method) || route.template().length != seg.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < seg.length; i++) {
            String part = route.template()[i];
            if (part.startsWith("{")) {
                params.put(part.substring(1, part.length() - 1), seg[i]);
            } else if (!part.equals(seg[i])) {
                return null;
            }
        }
        return params;
    }
}
