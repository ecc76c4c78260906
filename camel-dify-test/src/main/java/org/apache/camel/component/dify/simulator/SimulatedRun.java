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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generation running in the simulator, independent of any HTTP connection, as Dify runs workflows in a worker:
 * it publishes events to an ordered log and to every subscribed stream, honours stop requests, and waits at Human
 * Input pauses until a form is submitted. A dropped connection does not stop it; a resumed stream subscribes again.
 */
final class SimulatedRun {

    /** Marks the end of the run in a subscriber's queue. */
    static final Object END = new Object();

    private static final Set<String> SNAPSHOT_EVENTS = Set.of("workflow_started", "node_started", "node_finished",
            "node_retry", "iteration_started", "iteration_next", "iteration_completed", "loop_started", "loop_next",
            "loop_completed", "human_input_required", "workflow_paused");

    final SimulatedApp app;
    final Prompt prompt;
    final String answer;
    final String conversationId;
    final String taskId = UUID.randomUUID().toString();
    final String messageId = UUID.randomUUID().toString();
    final String workflowRunId = UUID.randomUUID().toString();
    final String thoughtId = UUID.randomUUID().toString();
    final long createdAt = System.currentTimeMillis() / 1000;
    final List<String> chunks;
    volatile Map<String, Object> outputs;
    // set once a reviewer's decision replaced the outputs
    volatile boolean outputsReviewed;
    /** What output moderation put in place of the answer ({@code message_replace}), or {@code null}. */
    volatile String replacement;
    /** The knowledge the answer drew on, as {@code metadata.retriever_resources} items. */
    volatile List<ObjectNode> retrieverResources = List.of();

    private final List<ObjectNode> log = new ArrayList<>();
    private final List<BlockingQueue<Object>> subscribers = new ArrayList<>();
    private boolean ended;
    private ObjectNode finished;
    private volatile boolean stopRequested;
    private volatile CompletableFuture<FormSubmission> pendingForm;
    private final StringBuilder answerSoFar = new StringBuilder();

    SimulatedRun(SimulatedApp app, Prompt prompt, String answer, String conversationId) {
        this.app = app;
        this.prompt = prompt;
        this.answer = answer;
        this.conversationId = conversationId;
        this.chunks = app.chunks(answer);
        this.outputs = app.outputsFor(prompt, answer);
        this.replacement = app.moderatedAnswer();
    }

    /** The answer as it stands at the end: output moderation's replacement, if any. */
    String finalAnswer() {
        return replacement != null ? replacement : answer;
    }

    int promptTokens() {
        return 8 + SimulatedApp.words(prompt.query()).size() + prompt.inputs().size();
    }

    int totalTokens() {
        return promptTokens() + chunks.size();
    }

    double elapsedSeconds() {
        return Math.round((0.2 + chunks.size() * 0.01) * 1000) / 1000.0;
    }

    /** A submitted Human Input form. */
    record FormSubmission(String action, Map<String, Object> inputs) {
    }

    /**
     * Subscribes a stream. With {@code snapshot}, the queue starts with the node-status events published so far
     * (Dify's {@code include_state_snapshot}); else only events published from now on arrive.
     */
    synchronized BlockingQueue<Object> subscribe(boolean snapshot) {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        if (snapshot) {
            log.stream().filter(e -> SNAPSHOT_EVENTS.contains(e.get("event").asText())).forEach(queue::add);
        }
        if (ended) {
            queue.add(END);
        } else {
            subscribers.add(queue);
        }
        return queue;
    }

    synchronized void unsubscribe(BlockingQueue<Object> queue) {
        subscribers.remove(queue);
    }

    synchronized void publish(ObjectNode event) {
        log.add(event);
        if ("workflow_finished".equals(event.get("event").asText())) {
            finished = event;
        }
        subscribers.forEach(q -> q.add(event));
    }

    /** Who started the run, as Dify's workflow logs say it: app-run (the Service API), webhook, schedule, plugin. */
    volatile String triggeredFrom = "app-run";
    /** When the run ended (epoch seconds), 0 while it runs. */
    volatile long finishedAt;

    synchronized void end() {
        ended = true;
        finishedAt = System.currentTimeMillis() / 1000;
        subscribers.forEach(q -> q.add(END));
        subscribers.clear();
    }

    synchronized boolean isEnded() {
        return ended;
    }

    /** The {@code workflow_finished} event once the run has one. */
    synchronized ObjectNode finishedEvent() {
        return finished;
    }

    synchronized List<ObjectNode> log() {
        return List.copyOf(log);
    }

    void requestStop() {
        stopRequested = true;
        CompletableFuture<FormSubmission> form = pendingForm;
        if (form != null) {
            form.cancel(false);
        }
    }

    boolean stopRequested() {
        return stopRequested;
    }

    void appendAnswer(String delta) {
        synchronized (answerSoFar) {
            answerSoFar.append(delta);
        }
    }

    String answerSoFar() {
        synchronized (answerSoFar) {
            return answerSoFar.toString();
        }
    }

    CompletableFuture<FormSubmission> awaitForm() {
        pendingForm = new CompletableFuture<>();
        return pendingForm;
    }

    /** Completes a pending form; false when the run is not waiting for one. */
    boolean submitForm(FormSubmission submission) {
        CompletableFuture<FormSubmission> form = pendingForm;
        return form != null && form.complete(submission);
    }
}
