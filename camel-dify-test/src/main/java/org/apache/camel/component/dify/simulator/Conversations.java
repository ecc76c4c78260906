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
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.dify.simulator.State.Conversation;
import org.apache.camel.component.dify.simulator.State.StoredMessage;

/**
 * App information, conversations, messages and feedback (Dify docs /en/api-reference): {@code GET /info}, {@code GET
 * /meta}, {@code GET /conversations}, {@code GET /messages}, {@code POST /conversations/{id}/name}, {@code DELETE
 * /conversations/{id}} and {@code POST /messages/{id}/feedbacks}, over the conversations the chat endpoint creates.
 * Conversations and messages are visible to their own app and user only, as in Dify.
 */
final class Conversations {

    private final DifySimulator sim;

    Conversations(DifySimulator sim) {
        this.sim = sim;
    }

    boolean handles(Call call, String[] seg) {
        String m = call.method;
        return seg.length >= 3 && seg[0].equals("conversations") && seg[2].equals("variables")
                || m.equals("GET") && seg.length == 1 && (seg[0].equals("info") || seg[0].equals("meta")
                        || seg[0].equals("parameters") || seg[0].equals("site")
                        || seg[0].equals("conversations") || seg[0].equals("messages"))
                || m.equals("POST") && seg.length == 3 && seg[0].equals("conversations") && seg[2].equals("name")
                || m.equals("DELETE") && seg.length == 2 && seg[0].equals("conversations")
                || m.equals("POST") && seg.length == 3 && seg[0].equals("messages") && seg[2].equals("feedbacks");
    }

    void handle(Call call, SimulatedApp app, String[] seg) throws IOException {
        if (seg.length >= 3 && seg[2].equals("variables")) {
            variables(call, app, seg[1], seg.length > 3 ? seg[3] : null);
            return;
        }
        switch (call.method + " " + seg[0]) {
            case "GET info" -> info(call, app);
            case "GET meta" -> meta(call);
            case "GET parameters" -> parameters(call, app);
            case "GET site" -> site(call, app);
            case "GET conversations" -> list(call, app);
            case "GET messages" -> history(call, app);
            case "POST conversations" -> rename(call, app, seg[1]);
            case "DELETE conversations" -> delete(call, app, seg[1]);
            default -> feedback(call, app, seg[1]);
        }
    }

    private void info(Call call, SimulatedApp app) throws IOException {
        sim.record(call, null, Map.of(), -1);
        ObjectNode info = sim.mapper()
                .createObjectNode()
                .put("name", "Simulated " + app.mode().wireName() + " app")
                .put("description", "An app of the Dify simulator");
        info.putArray("tags");
        info.put("mode", app.mode().wireName()).put("author_name", "camel-dify");
        sim.sendJson(call.exchange, 200, info);
    }

    private void meta(Call call) throws IOException {
        sim.record(call, null, Map.of(), -1);
        ObjectNode meta = sim.mapper().createObjectNode();
        meta.putObject("tool_icons");
        sim.sendJson(call.exchange, 200, meta);
    }

    /** Dify docs /en/api-reference, GET /parameters: the app's front-end configuration, here from its required inputs
     * and upload limits. */
    private void parameters(Call call, SimulatedApp app) throws IOException {
        sim.record(call, null, Map.of(), -1);
        ObjectNode json = sim.mapper().createObjectNode().put("opening_statement", "Hello from the simulator.");
        json.putArray("suggested_questions");
        for (String feature : List.of("suggested_questions_after_answer", "speech_to_text", "retriever_resource",
                "annotation_reply", "more_like_this", "sensitive_word_avoidance")) {
            json.putObject(feature).put("enabled", false);
        }
        json.putObject("text_to_speech")
                .put("enabled", app.tts())
                .put("voice", "alloy")
                .put("language", "en-US")
                .put("autoPlay", "disabled");
        ArrayNode form = json.putArray("user_input_form");
        for (String input : app.requiredInputs()) {
            form.addObject()
                    .putObject("text-input")
                    .put("label", input)
                    .put("variable", input)
                    .put("required", true)
                    .put("default", "");
        }
        json.putObject("file_upload")
                .putObject("image")
                .put("enabled", false)
                .put("number_limits", 3)
                .put("detail", "high")
                .putArray("transfer_methods")
                .add("local_file")
                .add("remote_url");
        json.putObject("system_parameters")
                .put("file_size_limit", 15)
                .put("image_file_size_limit", 10)
                .put("audio_file_size_limit", 50)
                .put("video_file_size_limit", 100)
                .put("workflow_file_upload_limit", 10);
        sim.sendJson(call.exchange, 200, json);
    }

    private void site(Call call, SimulatedApp app) throws IOException {
        sim.record(call, null, Map.of(), -1);
        ObjectNode json = sim.mapper()
                .createObjectNode()
                .put("title", "Simulated " + app.mode().wireName() + " app")
                .put("chat_color_theme", "#1C64F2")
                .put("chat_color_theme_inverted", false)
                .put("icon_type", "emoji")
                .put("icon", "🐪")
                .put("icon_background", "#FFEAD5");
        json.putNull("icon_url");
        json.put("description", "An app of the Dify simulator").put("copyright", "").put("privacy_policy", "");
        json.putNull("input_placeholder");
        json.put("custom_disclaimer", "")
                .put("default_language", "en-US")
                .put("show_workflow_steps", false)
                .put("use_icon_as_answer_icon", false);
        sim.sendJson(call.exchange, 200, json);
    }

    private void variables(Call call, SimulatedApp app, String conversationId, String variableId)
            throws IOException {
        ObjectNode body = call.method.equals("GET") ? null : sim.readJson(call);
        if (call.method.equals("GET")) {
            sim.record(call, null, Map.of(), -1);
        } else if (body == null) {
            return;
        }
        if (!chatApp(call, app)) {
            return;
        }
        String user = body != null ? Generation.text(body, "user") : call.queryParams().get("user");
        Conversation conversation = owned(app, userOf(user), conversationId);
        if (conversation == null) {
            sim.sendError(call.exchange, 404, "not_found", "Conversation Not Exists.");
            return;
        }
        if (variableId == null) {
            Map<String, String> query = call.queryParams();
            String name = query.get("variable_name");
            List<ObjectNode> all = conversation.variables.values()
                    .stream()
                    .filter(v -> name == null || v.get("name").asText().equals(name))
                    .sorted(Comparator.comparingLong((ObjectNode v) -> v.get("created_at").asLong()))
                    .toList();
            int limit = limit(query);
            ObjectNode page = sim.mapper().createObjectNode().put("limit", limit).put("has_more", all.size() > limit);
            ArrayNode data = page.putArray("data");
            all.stream().limit(limit).forEach(v -> data.add(asListed(v)));
            sim.sendJson(call.exchange, 200, page);
            return;
        }
        ObjectNode variable = conversation.variables.get(variableId);
        if (variable == null) {
            sim.sendError(call.exchange, 404, "not_found", "Conversation Variable Not Exists.");
            return;
        }
        if (!body.has("value")) {
            sim.sendError(call.exchange, 400, "invalid_param", "value is required");
            return;
        }
        String type = variable.get("value_type").asText();
        var value = body.get("value");
        boolean matches = switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "object" -> value.isObject();
            default -> type.startsWith("array") ? value.isArray() : true;
        };
        if (!matches) {
            sim.sendError(call.exchange, 400, "bad_request", "Type mismatch: variable '" + variable.get("name").asText()
                    + "' expects " + type);
            return;
        }
        variable.set("value", value);
        variable.put("updated_at", System.currentTimeMillis() / 1000);
        sim.sendJson(call.exchange, 200, asListed(variable));
    }

    // Dify lists values as strings (the docs type value as string); objects and arrays as their JSON text
    private ObjectNode asListed(ObjectNode variable) {
        ObjectNode copy = variable.deepCopy();
        if (!copy.get("value").isTextual()) {
            copy.put("value", copy.get("value").toString());
        }
        return copy;
    }

    private boolean chatApp(Call call, SimulatedApp app) throws IOException {
        if (!app.mode().isChatFamily()) {
            sim.sendError(call.exchange, 400, "not_chat_app",
                    "Please check if your app mode matches the right API route.");
            return false;
        }
        return true;
    }

    private static String userOf(String user) {
        return user == null || user.isBlank() ? "DEFAULT-USER" : user;
    }

    private static int limit(Map<String, String> query) {
        return Integer.parseInt(query.getOrDefault("limit", "20"));
    }

    private void list(Call call, SimulatedApp app) throws IOException {
        sim.record(call, null, Map.of(), -1);
        if (!chatApp(call, app)) {
            return;
        }
        Map<String, String> query = call.queryParams();
        String user = userOf(query.get("user"));
        int limit = limit(query);
        if (limit < 1 || limit > 100) {
            sim.sendError(call.exchange, 400, "invalid_param", "limit must be between 1 and 100");
            return;
        }
        String sortBy = query.getOrDefault("sort_by", "-updated_at");
        Comparator<Conversation> order = sortBy.contains("created_at")
                ? Comparator.comparingLong(c -> c.createdAt)
                : Comparator.comparingLong(c -> c.updatedAt);
        if (sortBy.startsWith("-")) {
            order = order.reversed();
        }
        List<Conversation> mine = sim.state().conversations.values()
                .stream()
                .filter(c -> c.appId().equals(app.id()) && c.user().equals(user))
                .sorted(order)
                .toList();
        String lastId = query.get("last_id");
        if (lastId != null && !lastId.isEmpty()) {
            int at = indexOf(mine, lastId);
            if (at < 0) {
                sim.sendError(call.exchange, 404, "not_found", "Last Conversation Not Exists.");
                return;
            }
            mine = mine.subList(at + 1, mine.size());
        }
        ObjectNode page = sim.mapper().createObjectNode().put("limit", limit).put("has_more", mine.size() > limit);
        ArrayNode data = page.putArray("data");
        mine.stream().limit(limit).forEach(c -> data.add(conversation(c)));
        sim.sendJson(call.exchange, 200, page);
    }

    private static int indexOf(List<Conversation> conversations, String id) {
        for (int i = 0; i < conversations.size(); i++) {
            if (conversations.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private ObjectNode conversation(Conversation c) {
        ObjectNode json = sim.mapper().createObjectNode().put("id", c.id()).put("name", c.name);
        json.set("inputs", sim.mapper().valueToTree(c.inputs));
        return json.put("status", "normal")
                .put("introduction", "")
                .put("created_at", c.createdAt)
                .put("updated_at", c.updatedAt);
    }

    private void history(Call call, SimulatedApp app) throws IOException {
        sim.record(call, null, Map.of(), -1);
        if (!chatApp(call, app)) {
            return;
        }
        Map<String, String> query = call.queryParams();
        Conversation conversation = owned(app, userOf(query.get("user")), query.get("conversation_id"));
        if (conversation == null) {
            sim.sendError(call.exchange, 404, "not_found", "Conversation Not Exists.");
            return;
        }
        int limit = limit(query);
        List<StoredMessage> older = conversation.messages;
        String firstId = query.get("first_id");
        if (firstId != null && !firstId.isEmpty()) {
            int at = -1;
            for (int i = 0; i < older.size(); i++) {
                if (older.get(i).id.equals(firstId)) {
                    at = i;
                }
            }
            if (at < 0) {
                sim.sendError(call.exchange, 404, "not_found", "First Message Not Exists.");
                return;
            }
            older = older.subList(0, at);
        }
        // langgenius/dify api/services/message_service.py: the newest page, in ascending (chronological) order
        List<StoredMessage> page = older.subList(Math.max(0, older.size() - limit), older.size());
        ObjectNode json = sim.mapper().createObjectNode().put("limit", limit).put("has_more", older.size() > limit);
        ArrayNode data = json.putArray("data");
        for (StoredMessage message : page) {
            ObjectNode item = data.addObject().put("id", message.id).put("conversation_id", message.conversationId);
            item.putNull("parent_message_id");
            item.set("inputs", sim.mapper().valueToTree(message.inputs));
            item.put("query", message.query).put("answer", message.answer);
            item.putArray("message_files");
            if (message.rating == null) {
                item.putNull("feedback");
            } else {
                item.putObject("feedback").put("rating", message.rating);
            }
            item.putArray("retriever_resources");
            item.put("created_at", message.createdAt);
            item.putArray("agent_thoughts");
            item.put("status", "normal").putNull("error");
        }
        sim.sendJson(call.exchange, 200, json);
    }

    private Conversation owned(SimulatedApp app, String user, String conversationId) {
        Conversation conversation = conversationId == null ? null : sim.state().conversations.get(conversationId);
        return conversation != null && conversation.appId().equals(app.id()) && conversation.user().equals(user)
                ? conversation
                : null;
    }

    /** The conversation a JSON request addresses, or {@code null} after Dify's error answer. */
    private Conversation addressed(Call call, SimulatedApp app, String conversationId, ObjectNode body)
            throws IOException {
        if (body == null || !chatApp(call, app)) {
            return null;
        }
        Conversation conversation = owned(app, userOf(Generation.text(body, "user")), conversationId);
        if (conversation == null) {
            sim.sendError(call.exchange, 404, "not_found", "Conversation Not Exists.");
        }
        return conversation;
    }

    private void rename(Call call, SimulatedApp app, String conversationId) throws IOException {
        ObjectNode body = sim.readJson(call);
        Conversation conversation = addressed(call, app, conversationId, body);
        if (conversation == null) {
            return;
        }
        boolean autoGenerate = body.path("auto_generate").asBoolean(false);
        String name = Generation.text(body, "name");
        if (!autoGenerate && (name == null || name.isBlank())) {
            sim.sendError(call.exchange, 400, "invalid_param", "name is required when auto_generate is false");
            return;
        }
        conversation.name = autoGenerate ? "About " + conversation.messages.get(0).query : name;
        conversation.updatedAt = System.currentTimeMillis() / 1000;
        sim.sendJson(call.exchange, 200, conversation(conversation));
    }

    private void delete(Call call, SimulatedApp app, String conversationId) throws IOException {
        if (addressed(call, app, conversationId, sim.readJson(call)) == null) {
            return;
        }
        sim.state().conversations.remove(conversationId);
        DifySimulator.sendRaw(call.exchange, 204, "application/json", "");
    }

    private void feedback(Call call, SimulatedApp app, String messageId) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String user = sim.requireUser(call, body);
        if (user == null) {
            return;
        }
        StoredMessage message = sim.state().messages.get(messageId);
        Conversation conversation = message == null ? null : owned(app, user, message.conversationId);
        if (conversation == null) {
            sim.sendError(call.exchange, 404, "not_found", "Message Not Exists.");
            return;
        }
        String rating = Generation.text(body, "rating");
        if (rating == null && message.rating == null) {
            sim.sendError(call.exchange, 400, "invalid_param", "Feedback does not exist.");
            return;
        }
        message.rating = rating;
        message.feedbackContent = Generation.text(body, "content");
        sim.sendJson(call.exchange, 200, sim.mapper().createObjectNode().put("result", "success"));
    }
}
