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

import java.util.concurrent.CompletableFuture;

/**
 * Where knowledge writes get their slots: {@link KnowledgeRateLimit} in this JVM, or {@link JdbcKnowledgeRateLimit},
 * one budget for every instance that shares its database.
 */
public interface KnowledgeWriteLimit {

    /** Takes the next free slot: completes with how many milliseconds from now the write may be sent (0: at once). */
    CompletableFuture<Long> nextSlot();
}
