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
package org.apache.camel.component.dify.internal.protocol.knowledge;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What ingestion learned about knowledge bases that does not change while a route runs, so it is asked once: each
 * knowledge base's runtime mode, and the ids of its metadata fields by name.
 */
public final class KnowledgeBaseFacts {

    // dataset id -> runtime_mode
    final ConcurrentMap<String, String> runtimeModes = new ConcurrentHashMap<>();
    // dataset id + '/' + field name -> metadata field id
    final ConcurrentMap<String, String> fieldIds = new ConcurrentHashMap<>();
}
