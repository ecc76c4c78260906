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
package org.apache.camel.component.dify;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.component.dify.wire.ScriptedServer;

/**
 * Chat stream frames and scripts the wire-level tests share. Kept apart from the test classes on purpose: a helper of a
 * test class initializes that class, whose static apps then live on the simulator of whichever test called it, which
 * is closed when that test class ends (a later run of the class then meets 401s, depending on the order of classes).
 */
final class StreamScripts {

    private StreamScripts() {
    }

    static ScriptedServer.Script pausingAfterFirstEvent(CountDownLatch seen, AtomicBoolean heldBack) {
        return (request, connection) -> {
            connection.startEventStream();
            connection.event(message("Hello"));
            try {
                heldBack.set(!seen.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection.event(message(" world"));
            connection.event(messageEnd());
            connection.endStream();
        };
    }

    static String message(String answer) {
        return "{\"event\":\"message\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"created_at\":1,"
                + "\"task_id\":\"t\",\"id\":\"m\",\"answer\":\"" + answer + "\",\"from_variable_selector\":null}";
    }

    static String messageEnd() {
        return "{\"event\":\"message_end\",\"conversation_id\":\"c\",\"message_id\":\"m\",\"created_at\":1,"
                + "\"task_id\":\"t\",\"id\":\"m\",\"metadata\":{},\"files\":null}";
    }

}
