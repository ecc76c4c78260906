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

import org.apache.camel.component.dify.simulator.DifySimulator.Call;

/**
 * {@code POST /files/upload}: streams the multipart body (nothing is kept but its size), then checks it the way Dify
 * does (dify-api.md Appendix A): one {@code file} part with a name and a MIME type, size limit by category (413 with
 * an empty message), 201 with the 15-key file response.
 */
final class Uploads {

    private final DifySimulator sim;

    Uploads(DifySimulator sim) {
        this.sim = sim;
    }

    void upload(Call call, SimulatedApp app) throws IOException {
        String boundary = MultipartReader.boundary(call.exchange.getRequestHeaders().getFirst("Content-Type"));
        if (boundary == null) {
            sim.drainAndRecord(call);
            sim.sendError(call.exchange, 400, "no_file_uploaded", "Please upload your file.");
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, StringBuilder> textParts = new LinkedHashMap<>();
        AtomicInteger fileParts = new AtomicInteger();
        AtomicLong size = new AtomicLong();
        String[] file = new String[2]; // filename, content type
        try {
            new MultipartReader(call.exchange.getRequestBody(), boundary).read(headers -> {
                String disposition = headers.getOrDefault("content-disposition", "");
                String name = param(disposition, "name");
                String filename = param(disposition, "filename");
                if (filename != null) {
                    if (fileParts.incrementAndGet() == 1 && "file".equals(name)) {
                        file[0] = filename;
                        file[1] = headers.get("content-type");
                    }
                    return (b, o, l) -> size.addAndGet(l);
                }
                StringBuilder value = textParts.computeIfAbsent(String.valueOf(name), k -> new StringBuilder());
                return (b, o, l) -> value.append(new String(b, o, l, StandardCharsets.UTF_8));
            });
            textParts.forEach((k, v) -> fields.put(k, v.toString()));
        } catch (IOException | IllegalStateException e) {
            sim.record(call, null, fields, size.get());
            sim.sendError(call.exchange, 400, "bad_request", "The browser (or proxy) sent a request that this server"
                                                             + " could not understand.");
            return;
        }
        DifySimulator.drain(call);
        sim.record(call, null, fields, size.get());
        if (fileParts.get() > 1) {
            sim.sendError(call.exchange, 400, "too_many_files", "Only one file is allowed.");
            return;
        }
        if (file[0] == null) {
            sim.sendError(call.exchange, 400, "no_file_uploaded", "Please upload your file.");
            return;
        }
        String filename = file[0];
        if (filename.isEmpty()) {
            sim.sendError(call.exchange, 400, "filename_not_exists_error", "The specified filename does not exist.");
            return;
        }
        if (file[1] == null || file[1].isBlank()) {
            sim.sendError(call.exchange, 415, "unsupported_file_type", "File type not allowed.");
            return;
        }
        if (filename.contains("/") || filename.contains("\\")) {
            sim.sendError(call.exchange, 400, "invalid_param", "Filename contains invalid characters");
            return;
        }
        if (size.get() > sim.uploadLimits().limitFor(filename)) {
            sim.sendError(call.exchange, 413, "file_too_large", "");
            return;
        }
        String user = fields.getOrDefault("user", "DEFAULT-USER");
        String id = UUID.randomUUID().toString();
        sim.state().files.put(id, new DifySimulator.UploadedFile(id, app.id(), user, filename, size.get()));
        int dot = filename.lastIndexOf('.');
        long now = System.currentTimeMillis() / 1000;
        ObjectNode response = sim.mapper().createObjectNode().put("id", id).putNull("reference")
                .put("name", filename).put("size", size.get())
                .put("extension", dot < 0 ? null : filename.substring(dot + 1).toLowerCase(Locale.ROOT))
                .put("mime_type", file[1])
                .put("created_by", AppRecords.endUserId(user))
                .put("created_at", now).putNull("preview_url")
                .put("source_url", sim.baseUrl() + "/files/" + id + "/file-preview?timestamp=" + now + "&nonce="
                                   + sim.token() + "&sign=" + sim.token())
                .putNull("original_url").putNull("user_id").put("tenant_id", app.id()).putNull("conversation_id")
                .putNull("file_key");
        sim.sendJson(call.exchange, 201, response);
    }

    /** A parameter of a Content-Disposition header, unquoted; {@code null} when absent. */
    static String param(String header, String name) {
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith(name + "=")) {
                String value = p.substring(name.length() + 1);
                return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }
}
