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

import java.util.Set;
import java.util.function.Function;

import org.apache.camel.component.dify.internal.protocol.DifyClient;
import org.apache.camel.component.dify.internal.protocol.knowledge.KnowledgeBaseFacts;
import org.apache.camel.component.dify.internal.protocol.stream.StreamObserver;

/**
 * What an endpoint lends the bindings of its exchanges: made once per endpoint when it first calls Dify.
 *
 * @param client             the protocol client on the component's shared transport
 * @param observers          the observer of the streams one exchange (by its id) starts, or {@code null} when no
 *                           {@code dify:events} consumer listens
 * @param knowledgeBaseFacts what this endpoint's calls learned about knowledge bases, kept while it runs
 * @param webhookRunsClaimed the runs this endpoint's webhook calls matched in the workflow logs, so two calls never
 *                           name the same run
 */
public record EndpointServices(
        DifyClient client,
        Function<String, StreamObserver> observers,
        KnowledgeBaseFacts knowledgeBaseFacts,
        Set<String> webhookRunsClaimed) {
}
