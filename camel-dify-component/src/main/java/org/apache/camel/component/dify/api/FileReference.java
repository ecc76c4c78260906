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
package org.apache.camel.component.dify.api;

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
