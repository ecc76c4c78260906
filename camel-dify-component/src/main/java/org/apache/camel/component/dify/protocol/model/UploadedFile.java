package org.apache.camel.component.dify.protocol.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/** Response of {@code POST /files/upload} (HTTP 201): reference {@code id} as {@code upload_file_id} later. */
public record UploadedFile(String id, String name, Long size, String extension, String mimeType, String createdBy,
        Long createdAt, String previewUrl, String sourceUrl, String originalUrl, String tenantId,
        String conversationId,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) {

    public UploadedFile {
        additionalProperties = additionalProperties == null ? new LinkedHashMap<>() : additionalProperties;
    }
}
