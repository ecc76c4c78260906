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
package org.apache.camel.component.dify;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyErrorCategory;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedAgentKnowledgeBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Agent Knowledge Base API (Dify 1.17+, {@code /knowledge-fs/...}) through routes against the simulator: a question
 * in one step (query token, then the query stream) and in two, the stream's events, an answer.error after deltas, the
 * research tasks, the revisions and chunks, bulk deletion with its Idempotency-Key, and a Dify without the API.
 */
class DifyAgentKnowledgeBaseTest extends DifyTestSupport {

    private static final String KEY = simulator().createDatasetKey();
    private static final SimulatedAgentKnowledgeBase POLICIES = simulator().createAgentKnowledgeBase("policies");
    private static final SimulatedAgentKnowledgeBase FLAKY = simulator().createAgentKnowledgeBase("flaky")
            .answerWith("Partly ", "right", " answer")
            .failAfterDeltas(1, "upstream_unavailable", "The retrieval backend went away.");

    private final List<Map<?, ?>> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected Properties placeholders() {
        return properties("dify.kb.apiKey", KEY, "dify.kb.id", POLICIES.id());
    }

    @BeforeEach
    void reset() {
        simulator().clearRequests();
        simulator().agentKnowledgeEnabled(true);
        POLICIES.answerWith("The refund window ", "is 30 days.");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                // the routes of docs/features/agent-knowledge-base.md
                from("direct:askPolicies")
                        .to("dify:agentKnowledgeQuery?agentQueryMode=fast"
                                + "&knowledgeBaseId={{dify.kb.id}}&apiKey={{dify.kb.apiKey}}")
                        .log("${body[answer]} (query record ${header.CamelDifyQueryRunId})");

                from("direct:research")
                        .to("dify:createResearchTask?knowledgeBaseId={{dify.kb.id}}&apiKey={{dify.kb.apiKey}}")
                        .setHeader("CamelDifyTaskId", simple("${body[id]}"))
                        .loopDoWhile(simple("${body[stage]} != 'completed' && ${body[stage]} != 'failed'"))
                        .to("dify:getResearchTask?knowledgeBaseId={{dify.kb.id}}&apiKey={{dify.kb.apiKey}}")
                        .end();

                String kb = "apiKey=" + KEY + "&knowledgeBaseId=" + POLICIES.id();
                from("direct:events").to("dify:agentKnowledgeQuery?delivery=events&" + kb)
                        .split(body())
                        .streaming()
                        .process(collectEvent());
                from("direct:flaky").to("dify:agentKnowledgeQuery?apiKey=" + KEY + "&knowledgeBaseId=" + FLAKY.id());
                from("direct:twoSteps").to("dify:createAgentQueryToken?" + kb).to("dify:runAgentQuery?" + kb);
                from("direct:noBase").to("dify:agentKnowledgeQuery?apiKey=" + KEY);
                from("direct:detached").to("dify:agentKnowledgeQuery?delivery=detachedClose&" + kb);
                directRoutes(this, kb, "createResearchTask", "cancelResearchTask", "listResearchTasks",
                        "listResearchTaskPartials", "planResearchTask", "listAgentDocuments",
                        "listAgentDocumentRevisions", "getAgentRevisionChunk", "bulkDeleteAgentDocuments",
                        "getAgentBulkJob");
                // the iteration is read in the route: it is closed when the exchange completes
                from("direct:allChunks").to("dify:listAgentRevisionChunks?allPages=true&limit=1&" + kb)
                        .split(body())
                        .streaming()
                        .process(e -> chunks.add(e.getMessage().getBody(Map.class)));
            }
        };
    }

    @Test
    void aQuestionIsAskedWithATokenAndItsStreamFoldsIntoAnswerDone() {
        Exchange answered = send("direct:askPolicies", "How long is the refund window?");

        assertThat(answered.getException()).isNull();
        Map<?, ?> done = answered.getMessage().getBody(Map.class);
        assertThat(done.get("answer")).isEqualTo("The refund window is 30 days.");
        assertThat(answered.getMessage().getHeader(DifyConstants.QUERY_RUN_ID)).isEqualTo(done.get("query_run_id"));

        RecordedRequest admission = simulator().requests("POST", "/knowledge-fs/spaces/" + POLICIES.id()
                + "/queries/admission")
                .get(0);
        assertThat(admission.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(admission.json().get("mode").asText()).isEqualTo("fast");
        assertThat(admission.json().get("query").asText()).isEqualTo("How long is the refund window?");
        RecordedRequest stream = simulator().requests("POST", "/knowledge-fs/query-stream").get(0);
        assertThat(stream.header("Authorization")).startsWith("Bearer kfs-").doesNotContain(KEY);
        assertThat(stream.header("X-Trace-ID")).isNotBlank();
        assertThat(stream.json().get("knowledgeSpaceId").asText()).isEqualTo(POLICIES.id());
    }

    @Test
    void eachEventOfTheQueryStreamReachesTheRoute() {
        send("direct:events", "How long is the refund window?");

        assertThat(events).extracting(DifyStreamEvent::getEvent)
                .containsExactly("answer.delta", "answer.delta", "answer.done");
    }

    @Test
    void anAnswerErrorAfterDeltasFailsTheExchangeAndDiscardsThePartialText() {
        Exchange failed = send("direct:flaky", "What is covered?");

        assertThat(failed.getException()).isInstanceOf(DifyException.class);
        DifyException error = (DifyException) failed.getException();
        assertThat(error.getCode()).isEqualTo("upstream_unavailable");
        assertThat(error.getHttpStatus()).isEqualTo(200);
        assertThat(error.getMessage()).contains("The retrieval backend went away.")
                .contains("after 1 answer.delta events");
        assertThat(error.getCategory()).isEqualTo(DifyErrorCategory.SERVER);
        assertThat(failed.getMessage().getBody()).isEqualTo("What is covered?");
    }

    @Test
    void theTwoStepsCanBeTakenApart() {
        Exchange answered = send("direct:twoSteps", Map.of("query", "How long is the refund window?"));

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(Map.class).get("answer")).isEqualTo("The refund window is 30 days.");
    }

    @Test
    void badInputIsRefusedBeforeAnyCall() {
        Exchange badMode = send("direct:askPolicies", Map.of("query", "q", "mode", "slow"));
        Exchange noQuestion = send("direct:askPolicies", Map.of("mode", "fast"));
        Exchange noBase = send("direct:noBase", "q");
        Exchange detached = send("direct:detached", "q");

        assertThat(badMode.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("agentQueryMode")
                .hasMessageContaining("slow");
        assertThat(noQuestion.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DifyConstants.QUERY);
        assertThat(noBase.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DifyConstants.KNOWLEDGE_BASE_ID)
                .hasMessageContaining("knowledgeBaseId");
        assertThat(detached.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery=aggregate");
        assertThat(simulator().requests()).isEmpty();
    }

    @Test
    void aDifyWithoutTheApiAnswersWithAnErrorNamingItsVersion() {
        simulator().agentKnowledgeEnabled(false);

        Exchange failed = send("direct:askPolicies", "q");

        DifyException error = (DifyException) failed.getException();
        assertThat(error.getCode()).isEqualTo(DifyException.AGENT_KNOWLEDGE_BASE_UNAVAILABLE);
        assertThat(error.getMessage()).contains("version " + DifySimulator.SERVER_VERSION).contains("Dify 1.17");
        assertThat(error.getCategory()).isEqualTo(DifyErrorCategory.VALIDATION);
    }

    @Test
    void aResearchTaskIsFollowedToItsEnd() {
        Exchange done = send("direct:research", Map.of("query", "Summarise every refund rule", "mode", "research"));

        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(Map.class).get("stage")).isEqualTo("completed");
        String taskId = done.getMessage().getHeader(DifyConstants.TASK_ID, String.class);
        Map<?, ?> partials = send("direct:listResearchTaskPartials", null, DifyConstants.TASK_ID, taskId)
                .getMessage()
                .getBody(Map.class);
        assertThat((List<?>) partials.get("data")).hasSize(1);
        assertThat(send("direct:listResearchTasks", null).getMessage().getBody(Map.class).get("data"))
                .asList()
                .isNotEmpty();

        Map<?, ?> plan = send("direct:planResearchTask", Map.of("query", "Summarise every refund rule"))
                .getMessage()
                .getBody(Map.class);
        assertThat(plan.get("strategy_version")).isEqualTo("research-dry-run-planner-v1");
    }

    @Test
    void aWriteSentTwiceWithOneIdempotencyKeyHappensOnce() {
        int before = POLICIES.researchTasksCreated();
        Exchange first = send("direct:createResearchTask", Map.of("query", "q1"), DifyConstants.IDEMPOTENCY_KEY,
                "order-4711-research");
        Exchange second = send("direct:createResearchTask", Map.of("query", "q1"), DifyConstants.IDEMPOTENCY_KEY,
                "order-4711-research");

        assertThat(second.getMessage().getBody(Map.class).get("id"))
                .isEqualTo(first.getMessage().getBody(Map.class).get("id"));
        assertThat(POLICIES.researchTasksCreated()).isEqualTo(before + 1);
        assertThat(simulator().requests("POST", "/knowledge-fs/spaces/" + POLICIES.id() + "/research-tasks"))
                .extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("order-4711-research", "order-4711-research");

        Exchange generated = send("direct:createResearchTask", Map.of("query", "q2"));
        assertThat(generated.getProperty("CamelDifyGeneratedIdempotencyKey", String.class)).isNotBlank();
        Exchange cancelled = send("direct:cancelResearchTask", null, DifyConstants.TASK_ID,
                generated.getMessage().getBody(Map.class).get("id"));
        assertThat(cancelled.getMessage().getBody(Map.class).get("stage")).isEqualTo("canceled");

        Exchange tooShort = send("direct:createResearchTask", Map.of("query", "q3"), DifyConstants.IDEMPOTENCY_KEY,
                "short");
        assertThat(tooShort.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 to 255");
    }

    @Test
    void revisionsAndChunksAreReadPageByPage() {
        String documentId = POLICIES.addDocument("Refunds", "Refunds within 30 days.", "Receipts are required.");
        POLICIES.addRevision(documentId, "Refunds within 30 days.", "Receipts are required.", "Gift cards excluded.");

        Map<?, ?> revisions = send("direct:listAgentDocumentRevisions", null, DifyConstants.DOCUMENT_ID, documentId)
                .getMessage()
                .getBody(Map.class);
        assertThat((List<?>) revisions.get("data")).hasSize(2);

        send("direct:allChunks", null, DifyConstants.DOCUMENT_ID, documentId, DifyConstants.PARAMETERS,
                Map.of("revision", 2));
        assertThat(chunks).extracting(c -> (Object) c.get("text"))
                .containsExactly("Refunds within 30 days.", "Receipts are required.", "Gift cards excluded.");

        Map<?, ?> chunk = send("direct:getAgentRevisionChunk", null, DifyConstants.DOCUMENT_ID, documentId,
                DifyConstants.PARAMETERS, Map.of("revision", 2, "chunk_id", chunks.get(2).get("id")))
                .getMessage()
                .getBody(Map.class);
        assertThat(chunk.get("text")).isEqualTo("Gift cards excluded.");
    }

    @Test
    void aBulkDeletionHappensOnceAndItsJobCanBeRead() {
        String documentId = POLICIES.addDocument("Old policy", "Refunds within 14 days.");
        Map<String, Object> deletion = Map.of("documents", List.of(Map.of("documentId", documentId,
                "expectedRevision", 1)));

        Exchange accepted = send("direct:bulkDeleteAgentDocuments", deletion, DifyConstants.IDEMPOTENCY_KEY,
                "cleanup-2026-12");

        assertThat(accepted.getException()).isNull();
        assertThat(POLICIES.hasDocument(documentId)).isFalse();
        String jobId = (String) accepted.getMessage().getBody(Map.class).get("id");
        Map<?, ?> job = send("direct:getAgentBulkJob", null, DifyConstants.PARAMETERS, Map.of("job_id", jobId))
                .getMessage()
                .getBody(Map.class);
        assertThat(job.get("results")).asList()
                .singleElement()
                .satisfies(r -> assertThat(((Map<?, ?>) r).get("status")).isEqualTo("deleted"));

        Exchange again = send("direct:bulkDeleteAgentDocuments", deletion, DifyConstants.IDEMPOTENCY_KEY,
                "cleanup-2026-12");
        assertThat(again.getMessage().getBody(Map.class).get("id")).isEqualTo(jobId);
        DocPage.assertSnippetsRunBy("features/agent-knowledge-base.md", DifyAgentKnowledgeBaseTest.class, 2);
    }
}
