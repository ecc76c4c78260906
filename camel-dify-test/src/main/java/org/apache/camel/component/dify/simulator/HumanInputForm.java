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

import java.time.Duration;
import java.util.List;

/**
 * A Human Input node in a simulated Workflow or Chatflow app: the run pauses there with {@code human_input_required}
 * and {@code workflow_paused} until the form is submitted ({@code POST /form/human_input/{form_token}}) or expires.
 *
 * @param title         the node title
 * @param content       the form's markdown, e.g. "Approve the summary?"
 * @param inputNames    the paragraph inputs it asks for (their output variable names)
 * @param actions       the action button ids, e.g. approve, reject
 * @param expiresAfter  how long the form waits before {@code human_input_form_timeout}
 */
public record HumanInputForm(String title, String content, List<String> inputNames, List<String> actions,
        Duration expiresAfter) {

    /** A review form with one paragraph input {@code comment} and the actions approve and reject. */
    public static HumanInputForm review(String content) {
        return new HumanInputForm("Review", content, List.of("comment"), List.of("approve", "reject"),
                Duration.ofMinutes(10));
    }
}
