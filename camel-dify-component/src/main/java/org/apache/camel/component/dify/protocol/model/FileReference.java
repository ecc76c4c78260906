package org.apache.camel.component.dify.protocol.model;

/**
 * A file attached to a chat, completion or workflow request ({@code files[]} items and file-typed inputs).
 *
 * @param type           {@code image}, {@code document}, {@code audio}, {@code video} or {@code custom}
 * @param transferMethod {@code local_file} (with {@code uploadFileId}) or {@code remote_url} (with {@code url})
 * @param url            the public URL, for {@code remote_url}
 * @param uploadFileId   the id returned by an upload, for {@code local_file}
 */
public record FileReference(String type, String transferMethod, String url, String uploadFileId) {

    public static FileReference localFile(String type, String uploadFileId) {
        return new FileReference(type, "local_file", null, uploadFileId);
    }

    public static FileReference remoteUrl(String type, String url) {
        return new FileReference(type, "remote_url", url, null);
    }
}
