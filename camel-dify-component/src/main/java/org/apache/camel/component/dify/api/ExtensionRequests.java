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

import java.util.Map;

/**
 * What Dify asks an API-based extension (Dify docs /en/use-dify/workspace/api-extension/api-extension): the request
 * {@code {point, params}} of each extension point, as typed values.
 */
public final class ExtensionRequests {

    private ExtensionRequests() {
    }

    /**
     * {@code app.external_data_tool.query}: a variable of the app whose value comes from outside.
     *
     * @param appId        the app
     * @param toolVariable the variable to fill
     * @param inputs       the app's inputs
     * @param query        the user's query (chat apps)
     */
    public record ExternalDataQuery(String appId, String toolVariable, Map<String, Object> inputs, String query) {
    }

    /**
     * {@code app.moderation.input}: the user's inputs and query before the model sees them.
     */
    public record ModerationInput(String appId, Map<String, Object> inputs, String query) {
    }

    /**
     * {@code app.moderation.output}: the model's text (streamed answers in batches of about 100 characters).
     */
    public record ModerationOutput(String appId, String text) {
    }

    /**
     * The answer to a moderation point: {@code flagged}, and what Dify then does: {@code direct_output} (answer with
     * {@code presetResponse}) or {@code overridden} (go on with the replaced inputs and query, or text).
     */
    public record ModerationVerdict(boolean flagged, String action, String presetResponse, Map<String, Object> inputs,
            String query, String text) {

        /** Nothing to flag. */
        public static ModerationVerdict pass() {
            return new ModerationVerdict(false, "direct_output", "", null, null, null);
        }

        /** Flagged: Dify answers {@code presetResponse} instead. */
        public static ModerationVerdict block(String presetResponse) {
            return new ModerationVerdict(true, "direct_output", presetResponse, null, null, null);
        }

        /** Flagged: Dify goes on with these inputs and query (input moderation). */
        public static ModerationVerdict overrideInput(Map<String, Object> inputs, String query) {
            return new ModerationVerdict(true, "overridden", "", inputs, query, null);
        }

        /** Flagged: Dify goes on with this text (output moderation). */
        public static ModerationVerdict overrideText(String text) {
            return new ModerationVerdict(true, "overridden", "", null, null, text);
        }
    }
}
