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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST /files/upload}: streams the multipart body (nothing is kept but its size), then checks it the way Dify
 * does (Dify docs /en/api-reference/files/upload-file): one {@code file} part with a name and a MIME type, size limit
 * by category (413 with
 * an empty message), 201 with the 15-key file response.
 */
final class Uploads {

    private final DifySimulator sim;

    Uploads(DifySimulator sim) {
        this.sim = sim;
    }

    /** A multipart request as read: text fields and the (first) file part, streamed through. */
    record Form(Map<String, String> fields, int fileParts, String fileField, String filename,
            String contentType, long size, byte[] head) {
    }

    private static final int KEPT = 1024 * 1024;

    /** Reads a multipart body (nothing kept of the file but its first MiB); {@code null} after a 400 answer. */
    Form parse(Call call) throws IOException {
        String boundary = MultipartReader.boundary(call.exchange.getRequestHeaders().getFirst("Content-Type"));
        if (boundary == null) {
            sim.drainAndRecord(call);
            return new Form(Map.of(), 0, null, null, null, 0, new byte[0]);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, StringBuilder> textParts = new LinkedHashMap<>();
        AtomicInteger fileParts = new AtomicInteger();
        AtomicLong size = new AtomicLong();
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        String[] file = new String[3]; // field, filename, content type
        try {
            new MultipartReader(call.exchange.getRequestBody(), boundary).read(headers -> {
                String disposition = headers.getOrDefault("content-disposition", "");
                String name = param(disposition, "name");
                String filename = param(disposition, "filename");
                if (filename != null) {
                    boolean first = fileParts.incrementAndGet() == 1;
                    if (first) {
                        file[0] = name;
                        file[1] = filename;
                        file[2] = headers.get("content-type");
                    }
                    return (b, o, l) -> {
                        size.addAndGet(l);
                        if (first && head.size() < KEPT) {
                            head.write(b, o, Math.min(l, KEPT - head.size()));
                        }
                    };
                }
                StringBuilder value = textParts.computeIfAbsent(String.valueOf(name), k -> new StringBuilder());
                return (b, o, l) -> value.append(new String(b, o, l, StandardCharsets.UTF_8));
            });
            textParts.forEach((k, v) -> fields.put(k, v.toString()));
        } catch (IOException | IllegalStateException e) {
            sim.record(call, null, fields, size.get());
            sim.sendError(call.exchange, 400, "bad_request", "The browser (or proxy) sent a request that this server"
                    + " could not understand.");
            return null;
        }
        DifySimulator.drain(call);
        sim.record(call, null, fields, size.get());
        return new Form(fields, fileParts.get(), file[0], file[1], file[2], size.get(), head.toByteArray());
    }

    /**
     * Reads a one-file form and applies Dify's checks of the file part (count, name, type, size limit); {@code null}
     * once an error answer was sent.
     */
    Form acceptedFile(Call call) throws IOException {
        Form form = parse(call);
        if (form == null) {
            return null;
        }
        if (form.fileParts() > 1) {
            sim.sendError(call.exchange, 400, "too_many_files", "Only one file is allowed.");
            return null;
        }
        if (form.filename() == null || !"file".equals(form.fileField())) {
            sim.sendError(call.exchange, 400, "no_file_uploaded", "Please upload your file.");
            return null;
        }
        String filename = form.filename();
        if (filename.isEmpty()) {
            sim.sendError(call.exchange, 400, "filename_not_exists_error", "The specified filename does not exist.");
            return null;
        }
        if (form.contentType() == null || form.contentType().isBlank()) {
            sim.sendError(call.exchange, 415, "unsupported_file_type", "File type not allowed.");
            return null;
        }
        if (filename.contains("/") || filename.contains("\\")) {
            sim.sendError(call.exchange, 400, "invalid_param", "Filename contains invalid characters");
            return null;
        }
        if (form.size() > sim.uploadLimits().limitFor(filename)) {
            sim.sendError(call.exchange, 413, "file_too_large", "");
            return null;
        }
        return form;
    }

    /** The file name's extension in lower case, as Dify classifies files; empty when it has none. */
    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The {@code extension} of Dify's file objects: {@code null} for a name without one. */
    static String extensionField(String filename) {
        String extension = extension(filename);
        return extension.isEmpty() ? null : extension;
    }

    void upload(Call call, SimulatedApp app) throws IOException {
        Form form = acceptedFile(call);
        if (form == null) {
            return;
        }
        String filename = form.filename();
        String user = form.fields().getOrDefault("user", "DEFAULT-USER");
        String id = UUID.randomUUID().toString();
        sim.state().files.put(id, new State.UploadedFile(id, app.id(), user, filename, form.size(),
                form.contentType(), form.head()));
        long now = System.currentTimeMillis() / 1000;
        ObjectNode response = sim.mapper()
                .createObjectNode()
                .put("id", id)
                .putNull("reference")
                .put("name", filename)
                .put("size", form.size())
                .put("extension", extensionField(filename))
                .put("mime_type", form.contentType())
                .put("created_by", AppRecords.endUserId(user))
                .put("created_at", now)
                .putNull("preview_url")
                .put("source_url", sim.baseUrl() + "/files/" + id + "/file-preview?timestamp=" + now + "&nonce="
                        + sim.token() + "&sign=" + sim.token())
                .putNull("original_url")
                .putNull("user_id")
                .put("tenant_id", app.id())
                .putNull("conversation_id")
                .putNull("file_key");
        sim.sendJson(call.exchange, 201, response);
    }

    /** {@code GET /files/{file_id}/preview}: the file as uploaded (its first MiB, which is what the simulator kept). */
    void preview(Call call, SimulatedApp app, String fileId) throws IOException {
        sim.record(call, null, Map.of(), -1);
        State.UploadedFile file = sim.state().files.get(fileId);
        // a file becomes reachable once a message of the app references it
        if (file == null || !sim.state().filesInMessages.contains(fileId)) {
            sim.sendError(call.exchange, 404, "file_not_found", "File not found in message context");
            return;
        }
        if (!file.appId().equals(app.id())) {
            sim.sendError(call.exchange, 403, "file_access_denied", "File access denied: not owned by requesting app");
            return;
        }
        call.exchange.getResponseHeaders().set("Cache-Control", "public, max-age=3600");
        if ("true".equals(call.queryParams().get("as_attachment"))) {
            call.exchange.getResponseHeaders()
                    .set("Content-Disposition", "attachment; filename*=UTF-8''"
                            + java.net.URLEncoder.encode(file.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        DifySimulator.sendBytes(call.exchange, 200, file.contentType(), file.head());
    }

    private static final java.util.Set<String> AUDIO = java.util.Set.of("mp3", "m4a", "wav", "amr", "mpga");

    /** {@code POST /audio-to-text}: a transcript that names the audio (langgenius/dify api/services/audio_service.py:
     * 30 MB, five audio types). */
    void audioToText(Call call, SimulatedApp app) throws IOException {
        Form form = parse(call);
        if (form == null) {
            return;
        }
        if (form.filename() == null) {
            sim.sendError(call.exchange, 400, "no_audio_uploaded", "Please upload your audio.");
            return;
        }
        if (!AUDIO.contains(extension(form.filename()))) {
            sim.sendError(call.exchange, 415, "unsupported_audio_type", "Audio type not allowed.");
            return;
        }
        if (form.size() > 30L * 1024 * 1024) {
            sim.sendError(call.exchange, 413, "audio_too_large", "Audio size larger than 30 mb");
            return;
        }
        sim.sendJson(call.exchange, 200, sim.mapper()
                .createObjectNode()
                .put("text",
                        "Transcript of " + form.filename() + " (" + form.size() + " bytes)"));
    }

    /** {@code POST /text-to-audio}: synthetic mp3 bytes, about 2 KiB per character of the text or message. */
    void textToAudio(Call call, SimulatedApp app) throws IOException {
        ObjectNode body = sim.readJson(call);
        if (body == null) {
            return;
        }
        String text = Generation.text(body, "text");
        String messageId = Generation.text(body, "message_id");
        if (messageId != null) {
            State.StoredMessage message = sim.state().messages.get(messageId);
            if (message == null) {
                sim.sendError(call.exchange, 404, "not_found", "Message Not Exists.");
                return;
            }
            text = message.answer;
        }
        if (text == null || text.isBlank()) {
            sim.sendError(call.exchange, 400, "invalid_param", "text or message_id is required");
            return;
        }
        byte[] unit = ("ID3" + text).getBytes(StandardCharsets.UTF_8);
        byte[] audio = new byte[text.length() * 2048];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = unit[i % unit.length];
        }
        DifySimulator.sendBytes(call.exchange, 200, "audio/mpeg", audio);
    }

    /** A parameter of a Content-Disposition header, unquoted; {@code null} when absent. */
    static String param(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String value = p.substring(name.length() + 1);
                return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1)
                        : value;
            }
        }
        return null;
    }
}
