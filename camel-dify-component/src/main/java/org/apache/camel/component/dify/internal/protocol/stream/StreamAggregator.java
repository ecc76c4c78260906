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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.api.WorkflowRunData;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;
import org.apache.camel.component.dify.internal.protocol.transport.EventStreamHandler;

/**
 * Folds a Dify event stream into one result, the way the default ({@code aggregate}) streaming mode works: the ids
 * every frame carries, an {@code error} event as a failure, a failed {@code workflow_finished} as a failure (also the
 * worker's synthetic pair: langgenius/dify api/tasks/app_generate/workflow_execute_task.py), and end of stream before
 * the app's terminal event as a
 * failure. Subclasses add what their app family contributes and define the terminal rule.
 */
public abstract class StreamAggregator<T> implements EventStreamHandler<T> {

    protected final String operation;
    protected final ObjectMapper mapper;
    protected final StringBuilder answer = new StringBuilder();

    protected int eventCount;
    protected String taskId;
    protected String conversationId;
    protected String messageId;
    protected String workflowRunId;
    protected WorkflowRunData workflowData;
    protected boolean workflowStarted;
    protected boolean workflowEnded;
    protected boolean trackAnswer = true;
    protected boolean continueOnPause;

    protected StreamAggregator(String operation, ObjectMapper mapper) {
        this.operation = operation;
        this.mapper = mapper;
    }

    /**
     * For a reader that sees every event itself: the answer text is not accumulated (so memory stays flat however
     * long the stream), only the ids and the terminal state are.
     */
    public StreamAggregator<T> withoutAnswer() {
        this.trackAnswer = false;
        return this;
    }

    /** The resume stream's {@code continue_on_pause}: {@code workflow_paused} does not end the stream. */
    public StreamAggregator<T> continuingOnPause(boolean continueOnPause) {
        this.continueOnPause = continueOnPause;
        return this;
    }

    protected void appendAnswer(String text) {
        if (text != null && trackAnswer) {
            answer.append(text);
        }
    }

    /** Whether the terminal event has arrived (the stream may still deliver trailing frames until EOF). */
    public final synchronized boolean isTerminated() {
        return terminated();
    }

    /** Whether the stream was Chatflow-style (chat family envelope), which decides the stop endpoint. */
    public final synchronized boolean sawConversation() {
        return conversationId != null;
    }

    /**
     * Whether no more events are expected: the terminal event arrived and nothing that belongs to the stream is still
     * open (a Chat app's speech can continue after {@code message_end} until its {@code tts_message_end}).
     */
    public final synchronized boolean isStreamDone() {
        return terminated() && !trailingOpen();
    }

    /** Whether the stream still owes trailing frames after its terminal event; the result no longer changes. */
    protected boolean trailingOpen() {
        return false;
    }

    @Override
    public final synchronized boolean isComplete() {
        return terminated();
    }

    @Override
    public final synchronized void onEvent(DifyEvent event) {
        if (terminated()) {
            // nothing after the terminal event changes the result (Dify's relay stops there: langgenius/dify
            // api/core/app/apps/streaming_utils.py)
            afterTerminal(event);
            return;
        }
        eventCount++;
        taskId = firstNonNull(event.text("task_id"), taskId);
        conversationId = firstNonNull(event.text("conversation_id"), conversationId);
        messageId = firstNonNull(event.text("message_id"), messageId);
        workflowRunId = firstNonNull(event.text("workflow_run_id"), workflowRunId);
        switch (event.name()) {
            case "error" -> throw new DifyException(operation, statusOf(event), event.text("code"),
                    event.text("message"), progressUnlocked(), null);
            case "workflow_started" -> workflowStarted = true;
            case "workflow_finished", "workflow_paused" -> onWorkflowEnd(event);
            default -> onOtherEvent(event);
        }
    }

    private void onWorkflowEnd(DifyEvent event) {
        if ("workflow_finished".equals(event.name()) || !continueOnPause) {
            workflowEnded = true;
        }
        JsonNode data = event.data();
        if (data != null) {
            workflowData = mapper.convertValue(data, WorkflowRunData.class);
        }
        if ("workflow_finished".equals(event.name()) && workflowData != null
                && "failed".equals(workflowData.status())) {
            throw new DifyException(operation, 200, DifyException.WORKFLOW_FAILED,
                    workflowData.error() == null ? "workflow run failed" : workflowData.error(), progressUnlocked(),
                    null);
        }
        onOtherEvent(event);
    }

    /** An event after the terminal one: only trailing frames (speech) are followed, the result stays as it is. */
    protected void afterTerminal(DifyEvent event) {
    }

    /** Events other than {@code error}; {@code workflow_*} end events arrive here too, after the common handling. */
    protected abstract void onOtherEvent(DifyEvent event);

    /** Whether the app's terminal event has arrived. */
    protected abstract boolean terminated();

    /** Builds the result once the stream ended after its terminal event. */
    protected abstract T result();

    /**
     * Whether the stream has no terminal event and ends with the connection (a datasource run's pages): then the end
     * of the stream is its normal end, and a reader that asks for more waits for the next event or that end.
     */
    protected boolean endsWithTheStream() {
        return false;
    }

    /** As {@link #endsWithTheStream()}, for readers. */
    public final synchronized boolean isEndedByTheStream() {
        return endsWithTheStream();
    }

    @Override
    public final synchronized T onEnd() {
        if (!terminated() && !endsWithTheStream()) {
            throw new DifyException(operation, 200, DifyException.STREAM_INCOMPLETE,
                    "the stream ended before its terminal event (Dify closes idle relays after 300 s; for a "
                            + "workflow run, check its status by workflow run id)",
                    progressUnlocked(), null);
        }
        return result();
    }

    @Override
    public final synchronized StreamProgress progress() {
        return progressUnlocked();
    }

    private StreamProgress progressUnlocked() {
        return new StreamProgress(eventCount, answer.toString(), taskId, conversationId, messageId, workflowRunId);
    }

    private static int statusOf(DifyEvent event) {
        String status = event.text("status");
        try {
            return status == null ? 200 : Integer.parseInt(status);
        } catch (NumberFormatException e) {
            return 200;
        }
    }

    protected static String firstNonNull(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
