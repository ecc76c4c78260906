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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Per-user server state: conversations and uploaded files. */
final class State {

    final Map<String, Conversation> conversations = new ConcurrentHashMap<>();
    final Map<String, UploadedFile> files = new ConcurrentHashMap<>();
    final Map<String, StoredMessage> messages = new ConcurrentHashMap<>();
    /** Files a message references: only those can be previewed (Dify docs /en/api-reference/files, file preview).
     * */
    final Set<String> filesInMessages = ConcurrentHashMap.newKeySet();
    final Map<String, SimulatedRun> runs = new ConcurrentHashMap<>();
    final Map<String, SimulatedRun> runsByTask = new ConcurrentHashMap<>();
    final Map<String, FormState> forms = new ConcurrentHashMap<>();

    /** A conversation of one app and user, with its messages. */
    static final class Conversation {

        final String id;
        final String appId;
        final String user;
        final Map<String, Object> inputs;
        final long createdAt = System.currentTimeMillis() / 1000;
        final List<StoredMessage> messages = new CopyOnWriteArrayList<>();
        /** Conversation variables by id: {id, name, value_type, value, description, created_at, updated_at}. */
        final Map<String, ObjectNode> variables = new ConcurrentHashMap<>();
        volatile String name;
        volatile long updatedAt = createdAt;

        Conversation(String id, String appId, String user, Map<String, Object> inputs) {
            this.id = id;
            this.appId = appId;
            this.user = user;
            this.inputs = inputs;
            this.name = "New conversation";
        }

        String id() {
            return id;
        }

        String appId() {
            return appId;
        }

        String user() {
            return user;
        }
    }

    /** A message of a conversation: the query, the answer and its feedback. */
    static final class StoredMessage {

        final String id;
        final String conversationId;
        final String query;
        final Map<String, Object> inputs;
        final long createdAt = System.currentTimeMillis() / 1000;
        volatile String answer = "";
        volatile String rating;
        volatile String feedbackContent;

        StoredMessage(String id, String conversationId, String query, Map<String, Object> inputs) {
            this.id = id;
            this.conversationId = conversationId;
            this.query = query;
            this.inputs = inputs;
        }
    }

    /** A Human Input form of a paused run. */
    static final class FormState {

        final String token;
        final String formId = UUID.randomUUID().toString();
        final SimulatedRun run;
        final HumanInputForm form;
        final long expiresAt;
        volatile boolean submitted;

        FormState(String token, SimulatedRun run, HumanInputForm form) {
            this.token = token;
            this.run = run;
            this.form = form;
            this.expiresAt = System.currentTimeMillis() / 1000 + form.expiresAfter().toSeconds();
        }
    }

    /** An uploaded file: its first MiB is kept, for previews. */
    record UploadedFile(String id, String appId, String user, String name, long size, String contentType,
            byte[] head) {
    }
}
