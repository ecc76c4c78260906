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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.util.Map;

/** What a request sends: nothing, a JSON document, or a multipart form with one streamed file. */
public sealed interface RequestBody {

    /** No body (GET). */
    record None() implements RequestBody {
    }

    /** An {@code application/json} body, already serialized. */
    record Json(byte[] bytes) implements RequestBody {
    }

    /** A {@code multipart/form-data} body: text fields, then the file as part {@code fileField}. */
    record Multipart(Map<String, String> fields, String fileField, UploadSource file) implements RequestBody {
    }
}
