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
package org.apache.camel.component.dify.internal.protocol.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEventParser;
import org.apache.camel.component.dify.internal.protocol.sse.SseFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The terminal rules and answer quirks of Dify's task pipelines (langgenius/dify api/core/app/task_pipeline/,
 * api/core/app/apps/), event by event. */
class StreamAggregatorTest {

    private static final ObjectMapper MAPPER = DifyJson.newMapper();
    private static final DifyEventParser PARSER = new DifyEventParser(MAPPER);

    private static void feed(StreamAggregator<?> aggregator, String... frames) {
        for (String frame : frames) {
            aggregator.onEvent(PARSER.parse(new SseFrame(null, frame, null)));
        }
    }

    @Test
    void newAgentsClosingMessageIsTheWholeAnswerNotMoreText() {
        MessageStreamAggregator agent = new MessageStreamAggregator("chat", MAPPER);
        feed(agent, "{\"event\":\"agent_message\",\"task_id\":\"t\",\"answer\":\"Hel\"}",
                "{\"event\":\"agent_message\",\"answer\":\"lo\"}",
                "{\"event\":\"agent_thought\",\"id\":\"a\",\"position\":1}",
                "{\"event\":\"message\",\"id\":\"m\",\"answer\":\"Hello\"}",
                "{\"event\":\"message_end\",\"id\":\"m\",\"metadata\":{}}");

        assertThat(agent.onEnd().answer()).isEqualTo("Hello");
    }

    @Test
    void messageFileDeltasAndMessageReplaceShapeTheAnswer() {
        MessageStreamAggregator chat = new MessageStreamAggregator("chat", MAPPER);
        feed(chat, "{\"event\":\"message\",\"answer\":\"one \"}",
                "{\"event\":\"message_file\",\"id\":\"f\",\"type\":\"image\",\"url\":\"https://x/y.png\"}",
                "{\"event\":\"message_file\",\"answer\":\"two\"}",
                "{\"event\":\"message_end\",\"id\":\"m\"}");
        assertThat(chat.onEnd().answer()).isEqualTo("one two");

        MessageStreamAggregator moderated = new MessageStreamAggregator("chat", MAPPER);
        feed(moderated, "{\"event\":\"message\",\"answer\":\"bad words\"}",
                "{\"event\":\"message_replace\",\"answer\":\"[removed]\",\"reason\":\"output_moderation\"}",
                "{\"event\":\"message_end\",\"id\":\"m\"}");
        assertThat(moderated.onEnd().answer()).isEqualTo("[removed]");
    }

    @Test
    void aChatflowEndsAtWorkflowFinishedAndNothingAfterItChangesTheResult() {
        for (boolean messageEndFirst : new boolean[]{true, false}) {
            MessageStreamAggregator chatflow = new MessageStreamAggregator("chat", MAPPER);
            feed(chatflow, "{\"event\":\"workflow_started\",\"workflow_run_id\":\"r\",\"data\":{\"id\":\"r\"}}",
                    "{\"event\":\"message\",\"answer\":\"hi\"}");
            String end = "{\"event\":\"message_end\",\"id\":\"m\",\"metadata\":{\"usage\":{\"total_tokens\":3}}}";
            String finished = "{\"event\":\"workflow_finished\",\"workflow_run_id\":\"r\",\"data\":{\"status\":"
                    + "\"succeeded\"}}";
            if (messageEndFirst) {
                feed(chatflow, end);
                assertThat(chatflow.isTerminated()).as("message_end alone does not end a Chatflow").isFalse();
                feed(chatflow, finished);
            } else {
                // Dify's relay closes at workflow_finished: a late message_end or delta is not part of the run
                feed(chatflow, finished, end, "{\"event\":\"message\",\"answer\":\" late\"}");
            }
            assertThat(chatflow.isTerminated()).isTrue();
            MessageResult result = chatflow.onEnd();
            assertThat(result.answer()).isEqualTo("hi");
            assertThat(result.workflowStatus()).isEqualTo("succeeded");
            if (messageEndFirst) {
                assertThat(result.usage().totalTokens()).isEqualTo(3);
            } else {
                assertThat(result.usage()).isNull();
            }
        }
    }

    @Test
    void deltasAfterMessageEndDoNotChangeTheAnswer() {
        MessageStreamAggregator chat = new MessageStreamAggregator("chat", MAPPER);
        feed(chat, "{\"event\":\"message\",\"answer\":\"done\"}", "{\"event\":\"message_end\",\"id\":\"m\"}",
                "{\"event\":\"message\",\"answer\":\" and more\"}",
                "{\"event\":\"error\",\"code\":\"x\",\"message\":\"late\"}");
        assertThat(chat.onEnd().answer()).isEqualTo("done");
    }

    @Test
    void speechAfterMessageEndDoesNotChangeTheMessagesIds() {
        MessageStreamAggregator chat = new MessageStreamAggregator("chat", MAPPER);
        feed(chat, "{\"event\":\"message\",\"conversation_id\":\"c1\",\"message_id\":\"m1\",\"task_id\":\"t1\","
                + "\"id\":\"m1\",\"answer\":\"hi\"}",
                "{\"event\":\"message_end\",\"conversation_id\":\"c1\",\"message_id\":\"m1\",\"task_id\":\"t1\","
                        + "\"id\":\"m1\"}",
                "{\"event\":\"tts_message\",\"conversation_id\":\"c2\",\"message_id\":\"m2\",\"task_id\":\"t2\","
                        + "\"audio\":\"AA\"}");

        MessageResult result = chat.onEnd();
        assertThat(result.messageId()).isEqualTo("m1");
        assertThat(result.conversationId()).isEqualTo("c1");
        assertThat(result.taskId()).isEqualTo("t1");
    }

    @Test
    void speechStartedBeforeMessageEndKeepsTheStreamOpenUntilItsEnd() {
        MessageStreamAggregator chat = new MessageStreamAggregator("chat", MAPPER);
        feed(chat, "{\"event\":\"message\",\"answer\":\"hi\"}", "{\"event\":\"tts_message\",\"audio\":\"AA\"}",
                "{\"event\":\"message_end\",\"id\":\"m\"}");
        assertThat(chat.isComplete()).as("the result is final at message_end").isTrue();
        assertThat(chat.isStreamDone()).as("but the speech goes on").isFalse();
        feed(chat, "{\"event\":\"tts_message\",\"audio\":\"BB\"}", "{\"event\":\"tts_message_end\",\"audio\":\"\"}");
        assertThat(chat.isStreamDone()).isTrue();
    }

    @Test
    void theWorkersSyntheticFailurePairIsAFailure() {
        WorkflowStreamAggregator run = new WorkflowStreamAggregator("workflowRun", MAPPER);

        assertThatThrownBy(() -> feed(run,
                "{\"event\": \"workflow_started\", \"task_id\": \"r\", \"workflow_run_id\": \"r\", \"data\": {\"reason\": \"initial\"}}",
                "{\"event\": \"workflow_finished\", \"task_id\": \"r\", \"workflow_run_id\": \"r\", \"data\": "
                        + "{\"status\": \"failed\", \"error\": \"text is required in input form\", \"created_by\": {}}}"))
                .isInstanceOfSatisfying(DifyException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(DifyException.WORKFLOW_FAILED);
                    assertThat(e.getDifyMessage()).isEqualTo("text is required in input form");
                    assertThat(e.getProgress().workflowRunId()).isEqualTo("r");
                });
    }

    @Test
    void aPauseEndsAStreamUnlessContinueOnPause() {
        String paused = "{\"event\":\"workflow_paused\",\"workflow_run_id\":\"r\",\"data\":{\"status\":\"paused\"}}";
        WorkflowStreamAggregator closing = new WorkflowStreamAggregator("workflowEvents", MAPPER);
        feed(closing, paused);
        assertThat(closing.isTerminated()).isTrue();
        WorkflowRunResult result = closing.onEnd();
        assertThat(result.data().status()).isEqualTo("paused");

        StreamAggregator<WorkflowRunResult> continuing = new WorkflowStreamAggregator("workflowEvents", MAPPER)
                .continuingOnPause(true);
        feed(continuing, paused);
        assertThat(continuing.isTerminated()).isFalse();
        feed(continuing, "{\"event\":\"workflow_finished\",\"data\":{\"status\":\"succeeded\",\"outputs\":{\"a\":1}}}");
        assertThat(continuing.onEnd().data().outputs()).containsEntry("a", 1);
    }

    @Test
    void anErrorEventFailsWithItsStatusAndCode() {
        MessageStreamAggregator chat = new MessageStreamAggregator("completion", MAPPER);
        assertThatThrownBy(() -> feed(chat, "{\"event\":\"message\",\"task_id\":\"t\",\"answer\":\"par\"}",
                "{\"event\":\"error\",\"message_id\":\"m\",\"code\":\"provider_quota_exceeded\",\"status\":400,"
                        + "\"message\":\"quota\"}"))
                .isInstanceOfSatisfying(DifyException.class, e -> {
                    assertThat(e.getHttpStatus()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("provider_quota_exceeded");
                    assertThat(e.getProgress().answer()).isEqualTo("par");
                    assertThat(e.getProgress().taskId()).isEqualTo("t");
                });
    }
}
