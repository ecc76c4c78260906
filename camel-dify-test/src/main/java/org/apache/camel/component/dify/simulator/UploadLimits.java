package org.apache.camel.component.dify.simulator;

/** Size limits of {@code POST /files/upload} by category; defaults are Dify's self-hosted ones (dify-api.md 7). */
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
