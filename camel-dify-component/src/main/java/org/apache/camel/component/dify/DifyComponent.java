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

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

import javax.net.ssl.SSLContext;
import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.knowledge.KnowledgeRateLimit;
import org.apache.camel.component.dify.internal.protocol.knowledge.KnowledgeWriteLimit;
import org.apache.camel.component.dify.internal.protocol.transport.DifyTransport;
import org.apache.camel.component.dify.internal.protocol.transport.TransportSettings;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The {@code dify:} component: call Dify apps, upload files and query Dify knowledge bases from routes.
 * <p>
 * The component owns the expensive shared parts, as camel-http's component owns its connection manager: one HTTP
 * client (connection pool and I/O reactor) per distinct TLS setting, the stream watchdog timer and the executor that
 * routes continue on. Endpoints borrow them and carry only their settings, which travel with each request.
 */
@Component("dify")
public class DifyComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(description = "The default options of every dify endpoint (camel.component.dify.*).")
    private DifyConfiguration configuration = new DifyConfiguration();

    @Metadata(label = "security", defaultValue = "false", description = "Use Camel's global SSL context parameters for the connection to Dify when an endpoint sets"
            + " none.")
    private boolean useGlobalSslContextParameters;

    @Metadata(label = "advanced", defaultValue = "1000", description = "Connection pool size of the component, shared by all its endpoints: how many calls and"
            + " streams may be open at once (each running stream holds one connection). Further"
            + " calls wait, without holding a thread, up to the endpoint's connectionRequestTimeout.")
    private int maxConnections = 1000;

    @Metadata(label = "advanced", defaultValue = "1000", description = "How many of the pool's connections may go to one Dify host.")
    private int maxConnectionsPerRoute = 1000;

    @Metadata(label = "advanced", defaultValue = "1500", javaType = "java.time.Duration", description = "How long (milliseconds) a connection may wait in the pool for its next call. A"
            + " connection idle longer is closed and the call opens a new one, so no request is"
            + " written into a connection the server is closing (which fails the call: a generation"
            + " that may have reached Dify is never sent twice). Keep it below the keep-alive timeout"
            + " of whatever answers first: Dify's api container (gunicorn) closes idle connections"
            + " after 2 s, nginx after 75 s. A shorter Keep-Alive: timeout announced by the server"
            + " is honoured on its own.")
    private long idleConnectionTimeout = 1500;

    @Metadata(label = "advanced", defaultValue = "1", description = "I/O threads of the component's HTTP client. One thread drives many connections and never"
            + " waits for a route; raise it only when decoding very heavy traffic needs more than one"
            + " core.")
    private int ioThreads = 1;

    @Metadata(label = "producer,knowledge", description = "Keeps the knowledge writes of all this component's endpoints"
            + " (the Knowledge API calls that create, update or delete, retries included) within a rate limit, as Dify"
            + " Cloud counts them per workspace over a sliding minute: sandbox (10 per minute), professional (100),"
            + " team (1000), a number per minute, or <writes>/<window> such as 20/30s. A write over the limit waits for"
            + " its slot without holding a thread, instead of failing with Dify's 403 \"knowledge base request rate"
            + " limit\". Unset: no limit (self-hosted Dify has none).")
    private String knowledgeRateLimit;

    @Metadata(label = "producer,knowledge", description = "With knowledgeRateLimit: the database in which the"
            + " instances of an application share that one limit, so that N instances together stay within it instead"
            + " of sending N times it (Dify Cloud counts per workspace, not per instance). Each knowledge write takes"
            + " its slot in a short transaction on the tables CAMEL_DIFY_RATE_LIMIT and CAMEL_DIFY_RATE_SLOT, created"
            + " when missing; the instances' clocks must be in sync (NTP). Unset: the limit counts in this JVM only.")
    private DataSource knowledgeRateLimitDataSource;

    @Metadata(label = "producer,knowledge", defaultValue = "dify-knowledge", description = "With"
            + " knowledgeRateLimitDataSource: the name of the shared limit. Instances with the same name share one"
            + " budget; give each Dify workspace its own name when one database serves several.")
    private String knowledgeRateLimitName = "dify-knowledge";

    private KnowledgeWriteLimit knowledgeWriteLimit;

    private final DifyEventHub eventHub = new DifyEventHub();
    // by TLS settings object; the null key is the JVM's default TLS
    private final Map<SSLContextParameters, DifyTransport> transports = new IdentityHashMap<>();
    private ScheduledExecutorService timers;
    private ExecutorService completionExecutor;

    public DifyComponent() {
    }

    public DifyComponent(CamelContext context) {
        super(context);
    }

    /** Where producers' stream events meet the dify:events consumers. */
    DifyEventHub getEventHub() {
        return eventHub;
    }

    /**
     * The rate limit all endpoints' knowledge writes share (across instances with knowledgeRateLimitDataSource), or
     * {@code null} when knowledgeRateLimit is not set.
     */
    synchronized KnowledgeWriteLimit getKnowledgeWriteLimit() {
        if (knowledgeWriteLimit == null && knowledgeRateLimit != null && !knowledgeRateLimit.isBlank()) {
            KnowledgeRateLimit rule = KnowledgeRateLimit.parse(knowledgeRateLimit, "knowledgeRateLimit");
            knowledgeWriteLimit = knowledgeRateLimitDataSource == null
                    ? rule
                    // JDBC blocks: on the completion executor of the moment (the component may restart)
                    : rule.sharedIn(knowledgeRateLimitDataSource, knowledgeRateLimitName,
                            task -> completionExecutor().execute(task));
        }
        return knowledgeWriteLimit;
    }

    public DataSource getKnowledgeRateLimitDataSource() {
        return knowledgeRateLimitDataSource;
    }

    public synchronized void setKnowledgeRateLimitDataSource(DataSource knowledgeRateLimitDataSource) {
        this.knowledgeRateLimitDataSource = knowledgeRateLimitDataSource;
        this.knowledgeWriteLimit = null;
    }

    public String getKnowledgeRateLimitName() {
        return knowledgeRateLimitName;
    }

    public synchronized void setKnowledgeRateLimitName(String knowledgeRateLimitName) {
        this.knowledgeRateLimitName = knowledgeRateLimitName;
        this.knowledgeWriteLimit = null;
    }

    public String getKnowledgeRateLimit() {
        return knowledgeRateLimit;
    }

    public synchronized void setKnowledgeRateLimit(String knowledgeRateLimit) {
        this.knowledgeRateLimit = knowledgeRateLimit;
        this.knowledgeWriteLimit = null;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        getKnowledgeWriteLimit(); // a bad value fails here, naming the option
        checkEnumOptions(parameters);
        DifyConfiguration endpointConfiguration = configuration.copy();
        DifyEndpoint endpoint = new DifyEndpoint(uri, this, endpointConfiguration);
        endpoint.setOperation(remaining == null || remaining.isEmpty() ? null : DifyOperation.fromName(remaining));
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getSslContextParameters() == null && useGlobalSslContextParameters) {
            endpointConfiguration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        endpointConfiguration.validate();
        return endpoint;
    }

    /**
     * The shared HTTP transport for endpoints with these TLS settings ({@code null}: the JVM default), started on
     * first use and closed with the component.
     */
    synchronized DifyTransport transportFor(SSLContextParameters tls) throws Exception {
        DifyTransport transport = transports.get(tls);
        if (transport == null) {
            SSLContext sslContext = tls == null ? null : tls.createSSLContext(getCamelContext());
            ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
            // the HTTP client's I/O reactor threads are made by Camel, named and tracked like its other threads
            ThreadFactory ioThreadFactory = runnable -> executors.newThread("DifyIO", runnable);
            transport = new DifyTransport(
                    new TransportSettings(maxConnections, maxConnectionsPerRoute, ioThreads, sslContext,
                            idleConnectionTimeout),
                    DifyJson.newMapper(), ioThreadFactory, timers(), completionExecutor(),
                    "camel-dify/" + versionOf(getClass()));
            transport.start();
            transports.put(tls, transport);
        }
        return transport;
    }

    /**
     * Runs stream watchdogs and timers; one thread for the whole component. Its queue is unbounded on purpose: every
     * open stream has a watchdog task in it, so the default profile's limit (1000 tasks) would fail the streams past
     * it ("Task rejected due queue size limit reached"); the pool's maxConnections bounds the streams instead.
     */
    synchronized ScheduledExecutorService timers() {
        if (timers == null) {
            ThreadPoolProfile profile = new ThreadPoolProfileBuilder("DifyStreamWatchdog").poolSize(1)
                    .maxPoolSize(1)
                    .maxQueueSize(Integer.MAX_VALUE)
                    .build();
            timers = getCamelContext().getExecutorServiceManager()
                    .newScheduledThreadPool(this, "DifyStreamWatchdog", profile);
        }
        return timers;
    }

    /**
     * Where calls complete and routes continue, so that route processing never runs on an I/O thread. Its queue is
     * unbounded on purpose: Camel's default profile runs a rejected task in the caller, which here is the I/O thread,
     * and a route reading events waits on its thread, so ten such routes would otherwise put the eleventh stream's
     * route on the I/O thread (and stop every connection of the component). maxQueueSize -1 would not do: Camel
     * makes that a direct hand-off without a queue. A task is refused only once the pool is shut down.
     */
    synchronized ExecutorService completionExecutor() {
        if (completionExecutor == null) {
            ThreadPoolProfile profile = new ThreadPoolProfileBuilder("DifyProducer").poolSize(10)
                    .maxPoolSize(10)
                    .maxQueueSize(Integer.MAX_VALUE)
                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                    .allowCoreThreadTimeOut(true)
                    .keepAliveTime(60L)
                    .build();
            completionExecutor = getCamelContext().getExecutorServiceManager()
                    .newThreadPool(this, "DifyProducer",
                            profile);
        }
        return completionExecutor;
    }

    @Override
    protected synchronized void doStop() throws Exception {
        transports.values().forEach(DifyTransport::close);
        transports.clear();
        ExecutorServiceManager executors = getCamelContext().getExecutorServiceManager();
        if (timers != null) {
            executors.shutdownNow(timers);
            timers = null;
        }
        if (completionExecutor != null) {
            executors.shutdown(completionExecutor);
            completionExecutor = null;
        }
        super.doStop();
    }

    private static String versionOf(Class<?> type) {
        String version = type.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public DifyConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DifyConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public int getMaxConnectionsPerRoute() {
        return maxConnectionsPerRoute;
    }

    public void setMaxConnectionsPerRoute(int maxConnectionsPerRoute) {
        this.maxConnectionsPerRoute = maxConnectionsPerRoute;
    }

    public long getIdleConnectionTimeout() {
        return idleConnectionTimeout;
    }

    public void setIdleConnectionTimeout(long idleConnectionTimeout) {
        this.idleConnectionTimeout = idleConnectionTimeout;
    }

    public int getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(int ioThreads) {
        this.ioThreads = ioThreads;
    }

    /**
     * The options whose values are a closed set (the enum-typed fields of the configuration), checked before Camel
     * converts them so the error names every valid value.
     */
    private static final Map<String, Class<?>> ENUM_OPTIONS = java.util.Arrays
            .stream(DifyConfiguration.class.getDeclaredFields())
            .filter(field -> field.getType().isEnum())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(java.lang.reflect.Field::getName,
                    java.lang.reflect.Field::getType));

    private static void checkEnumOptions(Map<String, Object> parameters) {
        ENUM_OPTIONS.forEach((option, type) -> {
            if (parameters.get(option) instanceof String value && !value.startsWith("{{")) {
                List<String> valid = java.util.Arrays.stream(type.getEnumConstants())
                        .map(constant -> ((Enum<?>) constant).name())
                        .toList();
                if (!valid.contains(value)) {
                    throw new IllegalArgumentException("The option " + option + " is '" + value + "': use one of "
                            + String.join(", ", valid));
                }
            }
        });
    }
}
