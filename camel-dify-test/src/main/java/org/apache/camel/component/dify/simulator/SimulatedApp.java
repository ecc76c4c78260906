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
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;

/**
 * One simulated Dify app, reached with its {@link #apiKey()}. Its script says what it answers, how the answer is cut
 * into stream deltas, how fast they come, which inputs it requires, and which faults the next requests meet.
 */
public final class SimulatedApp {

    private final String id = UUID.randomUUID().toString();
    private final String apiKey;
    private final AppMode mode;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private volatile RandomFaults randomFaults;
    private final Set<String> requiredInputs = new CopyOnWriteArraySet<>();
    private final String workflowId = UUID.randomUUID().toString();

    private volatile Function<Prompt, String> answer = p -> p.query().isEmpty()
            ? "Done: processed " + p.inputs().keySet() + "."
            : "Dify simulator here. You asked: \"" + p.query() + "\". In a real Dify app a model would answer.";
    private volatile Function<String, List<String>> chunker = SimulatedApp::words;
    private volatile Function<Prompt, Map<String, Object>> workflowOutputs;
    private volatile Function<Review, Map<String, Object>> reviewOutputs;
    private volatile Duration pacing = Duration.ZERO;
    private volatile int iterations;
    private volatile int loops;
    private volatile boolean tts;
    private volatile boolean reasoning;
    private volatile boolean agentLog;
    private volatile boolean nodeRetry;
    private volatile boolean assistantFile;
    private volatile String moderatedAnswer;
    private volatile HumanInputForm humanInput;
    private volatile int longStreamDeltas;
    private final Map<String, Object[]> conversationVariables = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Map<String, Object>> extraEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Duration pingInterval = Duration.ofSeconds(10);
    private final List<String> knowledge = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Moderation moderation;
    private final Map<String, ApiExtension> externalDataTools = new java.util.concurrent.ConcurrentHashMap<>();

    SimulatedApp(String apiKey, AppMode mode) {
        this.apiKey = apiKey;
        this.mode = mode;
    }

    public String id() {
        return id;
    }

    public String apiKey() {
        return apiKey;
    }

    public AppMode mode() {
        return mode;
    }

    /** The id of the app's published workflow (Workflow and Chatflow apps). */
    public String workflowId() {
        return workflowId;
    }

    /** Always answer {@code text}. */
    public SimulatedApp answer(String text) {
        this.answer = p -> text;
        return this;
    }

    /** Answer with a function of the prompt. */
    public SimulatedApp answerWith(Function<Prompt, String> answer) {
        this.answer = answer;
        return this;
    }

    /** How an answer is cut into stream deltas; default: one word (with its leading space) per delta. */
    public SimulatedApp chunkWith(Function<String, List<String>> chunker) {
        this.chunker = chunker;
        return this;
    }

    /** Cut answers into deltas of {@code chars} characters. */
    public SimulatedApp chunkChars(int chars) {
        return chunkWith(text -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < text.length(); i += chars) {
                parts.add(text.substring(i, Math.min(text.length(), i + chars)));
            }
            return parts;
        });
    }

    /** The pause between stream events (default none). */
    public SimulatedApp pacing(Duration pacing) {
        this.pacing = pacing;
        return this;
    }

    /** How often a stream sends {@code event: ping} (Dify: 10 s). */
    public SimulatedApp pingInterval(Duration pingInterval) {
        this.pingInterval = pingInterval;
        return this;
    }

    /** Workflow apps: the run's outputs; default {@code {"text": <answer>}}. */
    public SimulatedApp workflowOutputs(Function<Prompt, Map<String, Object>> outputs) {
        this.workflowOutputs = outputs;
        return this;
    }

    /**
     * Workflow apps that pause for human input: the run's outputs once the form was submitted, from the reviewer's
     * decision, as a workflow branches on the chosen action; replaces {@link #workflowOutputs} for such runs.
     */
    public SimulatedApp workflowOutputsAfterReview(Function<Review, Map<String, Object>> outputs) {
        this.reviewOutputs = outputs;
        return this;
    }

    /**
     * What a reviewer submitted to a paused run.
     *
     * @param prompt the run's inputs
     * @param action the chosen action, e.g. approve
     * @param inputs the form's inputs, e.g. a comment
     */
    public record Review(Prompt prompt, String action, Map<String, Object> inputs) {
    }

    Map<String, Object> outputsAfterReview(Prompt prompt, String action, Map<String, Object> inputs,
            Map<String, Object> outputs) {
        Function<Review, Map<String, Object>> after = reviewOutputs;
        return after == null ? outputs : after.apply(new Review(prompt, action, inputs));
    }

    private volatile String webhookId;
    private volatile java.util.function.BiFunction<Map<String, Object>, String, String> triggerStarter;

    /**
     * Gives this Workflow app a webhook trigger (Dify 1.10+): {@code POST <host>/triggers/webhook/<id>} with no key
     * starts a run whose inputs are the JSON body's fields, logged with {@code triggered_from} webhook. Answers the id.
     */
    public String webhookTrigger() {
        if (webhookId == null) {
            webhookId = java.util.UUID.randomUUID().toString().replace("-", "");
        }
        return webhookId;
    }

    String webhookId() {
        return webhookId;
    }

    void triggerStarter(java.util.function.BiFunction<Map<String, Object>, String, String> starter) {
        this.triggerStarter = starter;
    }

    /**
     * Starts a run as one of Dify's triggers would ({@code schedule}, {@code plugin}, {@code webhook}): no Service API
     * call, visible only in the workflow logs. Answers the workflow run id. See {@link #failNextTriggeredRun}.
     */
    public String runTriggeredBy(String triggeredFrom, Map<String, Object> inputs) {
        return triggerStarter.apply(inputs, triggeredFrom);
    }

    /** Workflow and Chatflow: an iteration node over {@code items} items, each running an inner node. */
    public SimulatedApp withIteration(int items) {
        this.iterations = items;
        return this;
    }

    /** Workflow and Chatflow: a loop node running {@code rounds} rounds. */
    public SimulatedApp withLoop(int rounds) {
        this.loops = rounds;
        return this;
    }

    /** Text-to-speech auto-play: {@code tts_message} frames among the deltas, closed by {@code tts_message_end}. */
    public SimulatedApp withTts() {
        this.tts = true;
        return this;
    }

    /** Workflow and Chatflow: the LLM node streams separated reasoning ({@code reasoning_chunk}) first. */
    public SimulatedApp withReasoning() {
        this.reasoning = true;
        return this;
    }

    /** Workflow and Chatflow: the LLM node is an agent node that writes an {@code agent_log}. */
    public SimulatedApp withAgentLog() {
        this.agentLog = true;
        return this;
    }

    /** Workflow and Chatflow: the LLM node fails once and is retried ({@code node_retry}). */
    public SimulatedApp withNodeRetry() {
        this.nodeRetry = true;
        return this;
    }

    /**
     * Chat and completion: the message gets an assistant file ({@code message_file} with a URL) before the answer,
     * after which Dify names the text deltas {@code message_file} (langgenius/dify
     * api/core/app/task_pipeline/message_cycle_manager.py).
     */
    public SimulatedApp withAssistantFile() {
        this.assistantFile = true;
        return this;
    }

    /** Output moderation replaces the answer at the end ({@code message_replace}). */
    public SimulatedApp moderateTo(String replacement) {
        this.moderatedAnswer = replacement;
        return this;
    }

    /**
     * Chatbot, Agent and Text Generator: the app's context comes from these knowledge bases (by id, internal or
     * external). Before answering, the simulator searches each for the query, as Dify's dataset retrieval does
     * (langgenius/dify api/core/rag/retrieval/dataset_retrieval.py): an internal one by its chunks (top 4), an external
     * one by calling its External Knowledge API ({@code POST <endpoint>/retrieval}, a non-200 answer counting as no
     * records, as Dify's api/services/external_knowledge_service.py does). What was found is in
     * {@link Prompt#context()} and in the answer's {@code metadata.retriever_resources}.
     */
    public SimulatedApp withKnowledge(String... datasetIds) {
        knowledge.addAll(List.of(datasetIds));
        return this;
    }

    /**
     * Chatbot, Agent and Text Generator: content moderation by an API-based extension (langgenius/dify
     * api/core/moderation/api/api.py). With {@code inputs}, {@code app.moderation.input} is asked before answering: a
     * flagged {@code direct_output} verdict makes its {@code preset_response} the answer, a flagged
     * {@code overridden} one replaces the query and inputs. With {@code outputs}, {@code app.moderation.output} is asked
     * with the answer: a flagged verdict replaces it ({@code message_replace}, reason {@code output_moderation}) with
     * the preset response or the returned text. A call that fails (not 200) fails the message with 500
     * {@code internal_server_error}, in the stream as an {@code error} event.
     */
    public SimulatedApp moderatedBy(ApiExtension extension, boolean inputs, boolean outputs) {
        this.moderation = new Moderation(extension, inputs, outputs);
        return this;
    }

    /**
     * Chatbot, Agent and Text Generator: the input variable {@code variable} is filled by an API-based extension's
     * {@code app.external_data_tool.query} before answering (langgenius/dify
     * api/core/external_data_tool/api/api.py), with its {@code result}.
     */
    public SimulatedApp withExternalDataTool(String variable, ApiExtension extension) {
        externalDataTools.put(variable, extension);
        return this;
    }

    /** The content moderation of an app: which extension, on the query and inputs, on the answer. */
    record Moderation(ApiExtension extension, boolean inputs, boolean outputs) {
    }

    List<String> knowledge() {
        return knowledge;
    }

    Moderation moderation() {
        return moderation;
    }

    Map<String, ApiExtension> externalDataTools() {
        return externalDataTools;
    }

    /** Workflow and Chatflow: the run pauses at a Human Input node until the form is submitted. */
    public SimulatedApp pauseForHumanInput(HumanInputForm form) {
        this.humanInput = form;
        return this;
    }

    /**
     * Adds an event Dify may send that the app would not otherwise (e.g. a name newer than the client): {@code fields}
     * go after the family envelope, {@code event} is set to {@code name}.
     */
    public SimulatedApp emitEvent(String name, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>(fields);
        event.put("event", name);
        extraEvents.add(event);
        return this;
    }

    /**
     * Chat apps: answer with {@code deltas} one-word message events rendered as they are written (not kept in memory),
     * then {@code message_end}; for long-stream tests and benchmarks.
     */
    public SimulatedApp longStream(int deltas) {
        this.longStreamDeltas = deltas;
        return this;
    }

    int longStreamDeltas() {
        return longStreamDeltas;
    }

    /** Turns on every optional event family this app's mode can emit. */
    public SimulatedApp withEveryEventType() {
        if (mode.runsWorkflow()) {
            withIteration(2).withLoop(2).withReasoning().withAgentLog().withNodeRetry().withTts();
        } else {
            withTts().withAssistantFile();
        }
        return this;
    }

    int iterations() {
        return iterations;
    }

    int loops() {
        return loops;
    }

    boolean tts() {
        return tts;
    }

    boolean reasoning() {
        return reasoning;
    }

    boolean agentLog() {
        return agentLog;
    }

    boolean nodeRetry() {
        return nodeRetry;
    }

    boolean assistantFile() {
        return assistantFile;
    }

    String moderatedAnswer() {
        return moderatedAnswer;
    }

    HumanInputForm humanInput() {
        return humanInput;
    }

    List<Map<String, Object>> extraEvents() {
        return extraEvents;
    }

    /** Input variables the app's form requires (400 "... is required in input form" when missing). */
    public SimulatedApp requireInputs(String... names) {
        requiredInputs.addAll(List.of(names));
        return this;
    }

    /**
     * A conversation variable every new conversation of this (chat) app gets.
     *
     * @param type Dify's value type: string, number, object, array[string], ...
     */
    public SimulatedApp withConversationVariable(String name, String type, Object value) {
        conversationVariables.put(name, new Object[]{type, value});
        return this;
    }

    Map<String, Object[]> conversationVariables() {
        return conversationVariables;
    }

    /** The next request with this app's key meets {@code fault}; queue several for several requests. */
    public SimulatedApp failNext(Fault fault) {
        faults.add(fault);
        return this;
    }

    public SimulatedApp clearFaults() {
        faults.clear();
        randomFaults = null;
        return this;
    }

    /**
     * Besides the queued faults, each request meets one of {@code kinds} with probability {@code rate}, drawn from a
     * generator seeded with {@code seed} (a soak's faults are the same on every run, in the order requests arrive).
     */
    public SimulatedApp randomFaults(double rate, long seed, Fault... kinds) {
        this.randomFaults = new RandomFaults(rate, new java.util.Random(seed), java.util.List.of(kinds));
        return this;
    }

    private record RandomFaults(double rate, java.util.Random random, java.util.List<Fault> kinds) {

        synchronized Fault next() {
            return random.nextDouble() < rate ? kinds.get(random.nextInt(kinds.size())) : null;
        }
    }

    private final Deque<Fault.WorkflowFailure> triggeredRunFailures = new ConcurrentLinkedDeque<>();

    /**
     * The next run a trigger starts ({@link #runTriggeredBy}, the webhook trigger) fails with {@code error}
     * ({@code workflow_finished} status failed; in the logs and the run detail). Apart from {@link #failNext(Fault)},
     * which the next HTTP request with the app's key takes, even a poll of the logs.
     */
    public SimulatedApp failNextTriggeredRun(String error) {
        triggeredRunFailures.add(new Fault.WorkflowFailure(error));
        return this;
    }

    Fault.WorkflowFailure nextTriggeredRunFailure() {
        return triggeredRunFailures.poll();
    }

    Fault nextFault() {
        Fault queued = faults.poll();
        RandomFaults random = randomFaults;
        return queued != null || random == null ? queued : random.next();
    }

    Set<String> requiredInputs() {
        return requiredInputs;
    }

    String answerFor(Prompt prompt) {
        return answer.apply(prompt);
    }

    List<String> chunks(String text) {
        return chunker.apply(text);
    }

    Map<String, Object> outputsFor(Prompt prompt, String answerText) {
        Function<Prompt, Map<String, Object>> outputs = workflowOutputs;
        if (outputs != null) {
            return outputs.apply(prompt);
        }
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("text", answerText);
        return text;
    }

    Duration pacing() {
        return pacing;
    }

    Duration pingInterval() {
        return pingInterval;
    }

    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                words.add(text.substring(start, i));
                start = i;
            }
        }
        return words;
    }
}
