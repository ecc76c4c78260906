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
package org.apache.camel.component.dify.internal.binding;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.UploadedFile;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.transport.UploadSource;

/**
 * {@code uploadFile}: uploads one file for later chat, completion or workflow requests ({@code POST /files/upload}).
 * <p>
 * Body in: a File, Path, byte[], InputStream, or a file from the {@code file:} component; it is streamed, never held
 * in memory. The name comes from the header {@code CamelFileName} (required for byte[] and InputStream bodies), the
 * MIME type from {@code Content-Type} or the name's extension. Body out: the file id (or the {@link UploadedFile} with
 * {@code fullResponse}).
 */
final class UploadFileBinding implements DifyBinding<UploadedFile> {

    /** The one instance: a binding holds no state. */
    public static final UploadFileBinding INSTANCE = new UploadFileBinding();

    private UploadFileBinding() {
    }

    /** Types Dify accepts that the JDK's guess does not know. */
    private static final Map<String, String> MIME_TYPES = Map.ofEntries(
            Map.entry("md", "text/markdown"), Map.entry("markdown", "text/markdown"), Map.entry("mdx", "text/markdown"),
            Map.entry("pdf", "application/pdf"), Map.entry("csv", "text/csv"), Map.entry("vtt", "text/vtt"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("xls", "application/vnd.ms-excel"), Map.entry("epub", "application/epub+zip"),
            Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mp4", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"), Map.entry("json", "application/json"), Map.entry("txt", "text/plain"));

    @Override
    public CompletableFuture<UploadedFile> start(ExchangeInputs in) {
        UploadSource source = source(in);
        return in.client().send(in.call(DifyApi.uploadFile).user(in.user()).file(source), UploadedFile.class);
    }

    /** The file of the exchange's body, streamed; shared by every operation that uploads a file. */
    static UploadSource source(ExchangeInputs in) {
        return source(in, null);
    }

    /** The file of the body, named by {@code name}, else by CamelFileName, else by the file itself. */
    static UploadSource source(ExchangeInputs in, String name) {
        Exchange exchange = in.exchange();
        Message message = in.message();
        Object body = message.getBody();
        if (body == null) {
            throw in.invalid(
                    "no file: send a File, Path, byte[] or InputStream body, or a file from the file: component");
        }
        if (name == null) {
            name = message.getHeader(Exchange.FILE_NAME, String.class);
        }
        try {
            Path path = null;
            if (body instanceof Path p) {
                path = p;
            } else if (body instanceof File f) {
                path = f.toPath();
            } else if (!(body instanceof byte[]) && !(body instanceof InputStream)) {
                // a GenericFile from the file: component converts to a local File
                File file = exchange.getContext().getTypeConverter().tryConvertTo(File.class, exchange, body);
                path = file == null ? null : file.toPath();
            }
            if (path != null) {
                if (!Files.isRegularFile(path)) {
                    throw in.invalid("the file " + path + " does not exist or is not a regular file");
                }
                String filename = baseName(name != null ? name : path.getFileName().toString());
                return UploadSource.ofPath(path, filename, contentType(message, filename));
            }
            String filename = requireName(in, name);
            if (body instanceof byte[] bytes) {
                return UploadSource.ofBytes(bytes, filename, contentType(message, filename));
            }
            InputStream stream = body instanceof InputStream is ? is
                    : exchange.getContext().getTypeConverter().tryConvertTo(InputStream.class, exchange, body);
            if (stream == null || body instanceof CharSequence) {
                throw in.invalid("cannot upload a body of type " + body.getClass().getName()
                        + ": send a File, Path, byte[] or InputStream");
            }
            return UploadSource.ofStream(stream, -1, filename, contentType(message, filename));
        } catch (IOException e) {
            throw new UncheckedIOException("Dify uploadFile: cannot read the file to upload: " + e.getMessage(), e);
        }
    }

    private static String requireName(ExchangeInputs in, String name) {
        if (name == null || name.isBlank()) {
            throw in.invalid("no file name: set the header " + Exchange.FILE_NAME
                    + " (Dify classifies and limits files by their extension)");
        }
        return baseName(name);
    }

    // Dify rejects names containing / or \ (400 invalid_param), so keep the last path element only
    static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    private static String contentType(Message message, String filename) {
        String explicit = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = MIME_TYPES.get(extension);
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.guessContentTypeFromName(filename);
        return guessed != null ? guessed : "application/octet-stream";
    }

    @Override
    public void complete(ExchangeInputs in, UploadedFile result) {
        Message message = in.message();
        message.setBody(in.configuration().isFullResponse() ? result : result.id());
        ResultHeaders.setIfPresent(message, DifyConstants.FILE_ID, result.id());
    }
}
