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

/** Size limits of {@code POST /files/upload} by category; defaults are Dify's self-hosted ones (langgenius/dify
 * api/configs/feature/__init__.py). */
public final class UploadLimits {

    private static final long MB = 1024 * 1024;

    private volatile long documentBytes = 15 * MB;
    private volatile long imageBytes = 10 * MB;
    private volatile long videoBytes = 100 * MB;
    private volatile long audioBytes = 50 * MB;

    /** Sets one limit for every category. */
    public UploadLimits all(long bytes) {
        documentBytes = bytes;
        imageBytes = bytes;
        videoBytes = bytes;
        audioBytes = bytes;
        return this;
    }

    public UploadLimits documents(long bytes) {
        documentBytes = bytes;
        return this;
    }

    public UploadLimits images(long bytes) {
        imageBytes = bytes;
        return this;
    }

    /** The limit for a file name, by its extension as Dify classifies it. */
    long limitFor(String filename) {
        return switch (Uploads.extension(filename)) {
            case "jpg", "jpeg", "png", "webp", "gif", "svg" -> imageBytes;
            case "mp4", "mov", "mpeg", "webm" -> videoBytes;
            case "mp3", "m4a", "wav", "amr", "mpga" -> audioBytes;
            default -> documentBytes;
        };
    }
}
