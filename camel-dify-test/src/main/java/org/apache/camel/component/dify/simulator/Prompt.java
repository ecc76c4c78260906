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

import java.util.List;
import java.util.Map;

/**
 * What a simulated app is asked, given to its answer function.
 *
 * @param query          the query ({@code ""} for workflow runs)
 * @param inputs         the input variables
 * @param user           the end-user id
 * @param conversationId the conversation (chat apps), or {@code null}
 * @param turn           1 for a new conversation, then 2, 3, ...
 * @param context        what the app's knowledge bases returned for the query, best first (empty without
 *                       {@link SimulatedApp#withKnowledge(String...)})
 */
public record Prompt(String query, Map<String, Object> inputs, String user, String conversationId, int turn,
        List<Passage> context) {

    public Prompt(String query, Map<String, Object> inputs, String user, String conversationId, int turn) {
        this(query, inputs, user, conversationId, turn, List.of());
    }

    /**
     * A passage a knowledge base returned: a chunk of an internal knowledge base, or a record an external knowledge
     * API answered.
     *
     * @param datasetId the knowledge base
     * @param title     the document name (internal) or the record's title (external)
     * @param content   the text
     * @param score     the similarity score
     */
    public record Passage(String datasetId, String title, String content, double score) {
    }
}
