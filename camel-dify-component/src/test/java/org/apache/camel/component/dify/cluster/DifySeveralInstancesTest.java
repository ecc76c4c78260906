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
package org.apache.camel.component.dify.cluster;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.DifyComponent;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DocPage;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Several instances of one application: three Camel contexts, each with its own dify component, against one Dify
 * (the simulator), sharing what docs/features/several-instances.md says to share: a real cluster service (camel-file's
 * FileLockClusterService on one directory) for master: routes, and a real PostgreSQL (started by .ci/run; the URL in
 * DIFY_TEST_POSTGRES_URL) for the idempotent repositories and the knowledge rate limit.
 */
class DifySeveralInstancesTest {

    private static final String POSTGRES = System.getenv("DIFY_TEST_POSTGRES_URL");

    private static DifySimulator simulator;
    private static DataSource database;

    @TempDir
    Path clusterRoot;

    private final List<CamelContext> instances = new ArrayList<>();
    // (instance, run id) of every run a workflowRuns route received
    private final List<String[]> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void sharedParts() throws SQLException {
        if (POSTGRES == null || POSTGRES.isBlank()) {
            return; // each test says why it is skipped
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(POSTGRES);
        database = postgres;
        // a clean database for each run of the class
        sql("DROP TABLE IF EXISTS CAMEL_MESSAGEPROCESSED, CAMEL_DIFY_RATE_LIMIT, CAMEL_DIFY_RATE_SLOT");
        simulator = DifySimulator.start();
    }

    @BeforeEach
    void needsPostgres() {
        assumeTrue(database != null,
                "skipped: no PostgreSQL for the multi-instance tests. bash .ci/run starts one on a loopback port; by"
                        + " hand: source .ci/postgres.sh && start_postgres, then run the tests in that shell"
                        + " (DIFY_TEST_POSTGRES_URL)");
    }

    @AfterAll
    static void stopTheSimulator() {
        if (simulator != null) {
            simulator.close();
        }
    }

    @AfterEach
    void stopTheInstances() {
        instances.forEach(CamelContext::stop);
    }

    /** One instance: its own Camel context and dify component; the shared parts as the docs page wires them. */
    private CamelContext instance(String name, RouteBuilder routes) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName(name);
        DifyComponent dify = new DifyComponent();
        dify.getConfiguration().setBaseUrl(simulator.baseUrl());
        camel.addComponent("dify", dify);
        // docs/features/several-instances.md
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(clusterRoot.toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        camel.addService(cluster);
        camel.getRegistry().bind("processedRuns", new JdbcMessageIdRepository(database, "dify-workflow-runs"));
        camel.getRegistry().bind("documentClaims", new JdbcMessageIdRepository(database, "dify-documents"));
        camel.getRegistry().bind("difyDatabase", database);
        camel.addRoutes(routes);
        instances.add(camel);
        camel.start();
        return camel;
    }

    // ------------------------------------------------------------------------------------------ workflowRuns

    @Test
    void everyFinishedRunIsDeliveredOnceThroughALeaderFailOver() throws Exception {
        SimulatedApp flow = simulator.createApp(AppMode.WORKFLOW).answer("Report ready.");
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            before.add(flow.runTriggeredBy("schedule", Map.of("batch", String.valueOf(i))));
        }
        for (String name : List.of("one", "two", "three")) {
            instance(name, new RouteBuilder() {

                @Override
                public void configure() {
                    // docs/features/several-instances.md
                    from("master:dify-runs:dify:workflowRuns?delay=100&idempotentRepository=#processedRuns&apiKey="
                            + flow.apiKey())
                            .routeId("runs")
                            .process(run -> arrived(name, run));
                }
            });
        }
        // the leader stops after its third run, in the middle of what its poll read
        await().atMost(60, TimeUnit.SECONDS).until(() -> received.size() >= 3);
        String leader = received.get(0)[0];
        // the first three came before the leader began to stop; no other instance polls until it has stopped
        assertThat(received.subList(0, 3)).allSatisfy(run -> assertThat(run[0]).isEqualTo(leader));

        // runs that finish after the fail-over, the last one a marker: delivery is oldest first, so a run delivered
        // twice would come before it
        List<String> after = new ArrayList<>();
        after.add(flow.runTriggeredBy("schedule", Map.of("batch", "6")));
        after.add(flow.runTriggeredBy("schedule", Map.of("batch", "7")));
        await().atMost(60, TimeUnit.SECONDS).until(() -> ids().containsAll(before) && ids().containsAll(after));
        String marker = flow.runTriggeredBy("schedule", Map.of("batch", "marker"));
        await().atMost(60, TimeUnit.SECONDS).until(() -> ids().contains(marker));

        assertThat(ids()).doesNotHaveDuplicates().hasSize(9);
        assertThat(received).anySatisfy(run -> assertThat(run[0]).isNotEqualTo(leader));
    }

    private void arrived(String instance, Exchange run) {
        received.add(new String[]{instance, run.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class)});
        if (received.size() == 3) {
            // as a rolling update does: the context stops, its in-flight run completes, the rest is left
            CamelContext leader = run.getContext();
            CompletableFuture.runAsync(leader::stop);
        }
    }

    private List<String> ids() {
        return received.stream().map(run -> run[1]).toList();
    }

    // -------------------------------------------------------------------------------------- upsertDocument

    @Test
    void aNewDocumentWrittenByThreeInstancesAtOnceIsCreatedOnce() throws Exception {
        String knowledgeKey = simulator.createDatasetKey();
        SimulatedDataset dataset = simulator.createDataset("Handbook");
        List<ProducerTemplate> senders = new ArrayList<>();
        for (String name : List.of("one", "two", "three")) {
            CamelContext camel = instance(name, new RouteBuilder() {

                @Override
                public void configure() {
                    // docs/features/several-instances.md
                    from("direct:ingest")
                            .to("dify:upsertDocument?idempotentRepository=#documentClaims&apiKey=" + knowledgeKey);
                }
            });
            senders.add(camel.createProducerTemplate());
        }

        for (int round = 0; round < 3; round++) {
            String document = "handbook-" + round + ".md";
            List<CompletableFuture<Exchange>> writes = new ArrayList<>();
            for (ProducerTemplate sender : senders) {
                writes.add(sender.asyncSend("direct:ingest", e -> {
                    e.getMessage().setBody("The same new text, round " + document);
                    e.getMessage().setHeader(DifyConstants.DOCUMENT_NAME, document);
                    e.getMessage().setHeader(DifyConstants.DOCUMENT_SETTINGS, Map.of("indexing_technique", "economy"));
                    e.getMessage().setHeader(DifyConstants.DATASET_ID, dataset.id());
                }));
            }
            List<String> actions = new ArrayList<>();
            for (CompletableFuture<Exchange> write : writes) {
                Exchange done = write.get(60, TimeUnit.SECONDS);
                assertThat(done.getException()).isNull();
                actions.add(done.getMessage().getHeader(DifyConstants.UPSERT_ACTION, String.class));
            }
            assertThat(actions).containsExactlyInAnyOrder("created", "unchanged", "unchanged");
            assertThat(dataset.documents()).filteredOn(d -> d.name().equals(document)).hasSize(1);
        }
        // every claim released
        assertThat(count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'dify-documents'"))
                .isZero();

        // a write that fails releases its claim too: Dify refuses the first document of an empty knowledge base
        // without indexing_technique
        SimulatedDataset empty = simulator.createDataset("Empty");
        Exchange refused = senders.get(0).send("direct:ingest", e -> {
            e.getMessage().setBody("No settings.");
            e.getMessage().setHeader(DifyConstants.DOCUMENT_NAME, "refused.md");
            e.getMessage().setHeader(DifyConstants.DATASET_ID, empty.id());
        });
        assertThat(refused.getException()).hasMessageContaining("indexing_technique");
        assertThat(count("SELECT COUNT(*) FROM CAMEL_MESSAGEPROCESSED WHERE processorName = 'dify-documents'"))
                .isZero();
    }

    @Test
    void aClaimLeftByAnInstanceThatStoppedIsTakenOverAfterUpsertClaimTimeout() throws Exception {
        String knowledgeKey = simulator.createDatasetKey();
        SimulatedDataset dataset = simulator.createDataset("Left behind");
        // the claim an instance that died while writing left in the shared repository
        JdbcMessageIdRepository claims = new JdbcMessageIdRepository(database, "dify-documents");
        claims.start();
        String key = "dify-upsert:" + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(("knowledge base " + dataset.id() + ", document named orphan.md")
                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(claims.add(key)).isTrue();
        CamelContext camel = instance("survivor", new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:ingest").to("dify:upsertDocument?idempotentRepository=#documentClaims"
                        + "&upsertClaimTimeout=300&apiKey=" + knowledgeKey);
            }
        });

        Exchange written = camel.createProducerTemplate().send("direct:ingest", e -> {
            e.getMessage().setBody("Written at last.");
            e.getMessage().setHeader(DifyConstants.DOCUMENT_NAME, "orphan.md");
            e.getMessage().setHeader(DifyConstants.DOCUMENT_SETTINGS, Map.of("indexing_technique", "economy"));
            e.getMessage().setHeader(DifyConstants.DATASET_ID, dataset.id());
        });

        assertThat(written.getException()).isNull();
        assertThat(written.getMessage().getHeader(DifyConstants.UPSERT_ACTION)).isEqualTo("created");
        assertThat(claims.contains(key)).isFalse();
        claims.stop();
    }

    // ---------------------------------------------------------------------------------- knowledgeRateLimit

    @Test
    void twoInstancesShareOneKnowledgeRateLimit() throws Exception {
        String knowledgeKey = simulator.createDatasetKey();
        SimulatedDataset dataset = simulator.createDataset("Busy");
        // Dify Cloud's limit for the workspace, which the simulator enforces with its 403
        simulator.limitKnowledgeWrites(4, Duration.ofSeconds(2));
        List<ProducerTemplate> senders = new ArrayList<>();
        for (String name : List.of("one", "two")) {
            CamelContext camel = instance(name, new RouteBuilder() {

                @Override
                public void configure() {
                    // docs/features/several-instances.md
                    DifyComponent dify = getContext().getComponent("dify", DifyComponent.class);
                    dify.setKnowledgeRateLimit("4/2s");
                    dify.setKnowledgeRateLimitDataSource(getContext().getRegistry()
                            .lookupByNameAndType("difyDatabase",
                                    DataSource.class));
                    from("direct:write").to("dify:createDocumentByText?maxRetries=0&apiKey=" + knowledgeKey);
                    from("direct:read").to("dify:listDocuments?apiKey=" + knowledgeKey);
                }
            });
            senders.add(camel.createProducerTemplate());
        }
        try {
            // each instance's connection to Dify is open before the burst (reads take no slot): the first write of
            // an instance then does not arrive later than its slot by a connection set-up more than the others
            for (ProducerTemplate sender : senders) {
                assertThat(sender.send("direct:read", e -> e.getMessage()
                        .setHeader(DifyConstants.DATASET_ID,
                                dataset.id()))
                        .getException()).isNull();
            }
            List<CompletableFuture<Exchange>> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String document = "burst-" + i + ".md";
                writes.add(senders.get(i % 2).asyncSend("direct:write", e -> {
                    e.getMessage().setBody(Map.of("name", document, "text", "Text.", "indexing_technique", "economy"));
                    e.getMessage().setHeader(DifyConstants.DATASET_ID, dataset.id());
                }));
            }
            for (CompletableFuture<Exchange> write : writes) {
                assertThat(write.get(60, TimeUnit.SECONDS).getException()).isNull();
            }
            assertThat(simulator.knowledgeWritesRefused()).isZero();
            assertThat(dataset.documents()).hasSize(10);
        } finally {
            simulator.limitKnowledgeWrites(0, Duration.ofMinutes(1));
        }
    }

    @Test
    void theDocsPageShowsTheseRoutes() {
        DocPage.assertSnippetsRunBy("features/several-instances.md", DifySeveralInstancesTest.class, 4);
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
