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

/** A scripted misbehaviour for the next request of an app or knowledge key. */
public sealed interface Fault {

    /** Answer with any status, content type and body, e.g. a proxy's HTML 502 page. */
    record HttpResponse(int status, String contentType, String body) implements Fault {
    }

    /** Stream {@code afterEvents} data events, then end the response cleanly without a terminal event. */
    record EndStreamEarly(int afterEvents) implements Fault {
    }

    /** Stream {@code afterEvents} data events, then drop the connection without ending the response. */
    record DropConnection(int afterEvents) implements Fault {
    }

    /**
     * Stream {@code afterEvents} data events, then only {@code event: ping} every {@code pingInterval}, until the
     * client goes or the task is stopped: Dify's stream listener (langgenius/dify
     * api/core/app/apps/base_app_queue_manager.py, listen) publishes the stop even while the model sends nothing.
     */
    record Stall(int afterEvents, Duration pingInterval) implements Fault {
    }

    /** Stream {@code afterEvents} data events, then an in-stream {@code error} event, then end. */
    record ErrorEvent(int afterEvents, int status, String code, String message) implements Fault {
    }

    /** Workflow and Chatflow: the run fails ({@code workflow_finished} with status failed and this error). */
    record WorkflowFailure(String error) implements Fault {
    }

    static Fault html(int status, String html) {
        return new HttpResponse(status, "text/html", html);
    }

    static Fault badGateway() {
        return html(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1>"
                + "</center><hr><center>nginx</center></body></html>");
    }

    static Fault json(int status, String code, String message) {
        return new HttpResponse(status, "application/json",
                "{\"code\": \"" + code + "\", \"message\": \"" + message.replace("\"", "\\\"") + "\", \"status\": "
                        + status + "}");
    }
}
