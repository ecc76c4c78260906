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
package io.cameldify.kamelets;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.DifySimulator;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.apache.camel.component.dify.simulator.SimulatedDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Kamelet runs on KameletMain with only what it declares, as {@code camel run} gives it: a class path made of the
 * test's, less every jar that brings a Camel component, language or data format the Kamelet does not name in its
 * {@code dependencies} (a {@code camel:} name, or camel-dify with what camel-dify itself depends on). What KameletMain
 * needs to start (Camel's core languages such as simple and constant, kamelet, platform-http, rest, stub, log) and the
 * harness's own direct and seda stay; camel-bean, camel-timer and the rest go, as on Camel K or a Quarkus or Spring Boot
 * application that adds a Kamelet's declared dependencies only. A Kamelet that uses an undeclared
 * language or component fails here, e.g. {@code NoSuchLanguageException: No language could be found for: bean}.
 */
class DifyKameletDependenciesTest {

    private static final Path KAMELETS = Path.of("src/main/resources/kamelets");
    private static final Path CLASSPATHS = Path.of("target/kamelet-classpath");
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s+- \"?(camel:[\\w-]+|mvn:[^\"\\s]+)\"?\\s*$");
    // what KameletMain itself cannot start without (it loads these classes at start), and the harness's direct and seda
    private static final Set<String> ALWAYS = Set.of("camel-core-languages", "camel-kamelet", "camel-platform-http",
            "camel-rest", "camel-stub", "camel-log", "camel-direct", "camel-seda");

    private static final DifySimulator DIFY = DifySimulator.start().indexingStep(Duration.ofMillis(20));
    private static final SimulatedApp CHAT = DIFY.createApp(AppMode.CHAT).answer("Your order ships tomorrow.");
    private static final SimulatedApp WORKFLOW = DIFY.createApp(AppMode.WORKFLOW)
            .workflowOutputs(prompt -> Map.of("summary", "short"));
    private static final SimulatedApp SCHEDULED = DIFY.createApp(AppMode.WORKFLOW)
            .workflowOutputs(prompt -> Map.of("digest", "sent"));
    private static final String DATASET_KEY = DIFY.createDatasetKey();
    private static final SimulatedDataset HANDBOOK = DIFY.createDataset("Isolated handbook");

    @AfterAll
    static void stopDify() {
        DIFY.close();
    }

    static Stream<String> kamelets() throws IOException {
        try (Stream<Path> files = Files.list(KAMELETS)) {
            return files.map(f -> f.getFileName().toString().replace(".kamelet.yaml", "")).sorted().toList().stream();
        }
    }

    /** What each Kamelet is asked to do, and what shows it did it. */
    private static final Map<String, Function<Probe, String>> EXERCISES = Map.of(
            "dify-chat-action", probe -> probe.request("direct:in", "Where is my order?", Map.of()),
            "dify-workflow-action", probe -> probe.request("direct:in", "{\"document\":\"q3.pdf\"}", Map.of()),
            "dify-knowledge-sink", probe -> probe.request("direct:in",
                    "Returns are accepted within 30 days.".getBytes(StandardCharsets.UTF_8),
                    Map.of("CamelFileName", "returns.txt")),
            "dify-events-source", probe -> {
                probe.request("direct:in", "Where is my order?", Map.of());
                return probe.receive("seda:out", 20_000);
            },
            "dify-workflow-runs-source", probe -> {
                SCHEDULED.runTriggeredBy("schedule", Map.of("team", "support"));
                return probe.receive("seda:out", 20_000);
            });

    private static final Map<String, String> EXPECTED = Map.of(
            "dify-chat-action", "Your order ships tomorrow.",
            "dify-workflow-action", "summary=short",
            "dify-knowledge-sink", "indexing_status=completed",
            "dify-events-source", "message_end",
            "dify-workflow-runs-source", "digest=sent");

    @Test
    void everyKameletIsExercised() throws IOException {
        assertThat(EXERCISES.keySet()).containsExactlyInAnyOrderElementsOf(kamelets().toList());
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void runsOnKameletMainWithOnlyWhatItDeclares(String kamelet) throws Exception {
        List<String> declared = declaredDependencies(kamelet);
        List<URL> classpath = classpathFor(declared);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader isolated = new URLClassLoader(classpath.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(isolated);
            Probe probe = new Probe(isolated);
            try {
                probe.start(properties(), "classpath:isolated/" + kamelet + ".yaml");
                assertThat(EXERCISES.get(kamelet).apply(probe)).as("%s, declaring %s", kamelet, declared)
                        .contains(EXPECTED.get(kamelet));
            } finally {
                probe.stop();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("dify.baseUrl", DIFY.baseUrl());
        properties.put("dify.chat.apiKey", CHAT.apiKey());
        properties.put("dify.workflow.apiKey", WORKFLOW.apiKey());
        properties.put("dify.dataset.apiKey", DATASET_KEY);
        properties.put("dify.datasetId", HANDBOOK.id());
        properties.put("dify.scheduled.apiKey", SCHEDULED.apiKey());
        return properties;
    }

    static List<String> declaredDependencies(String kamelet) throws IOException {
        List<String> declared = new ArrayList<>();
        boolean inDependencies = false;
        for (String line : Files.readAllLines(KAMELETS.resolve(kamelet + ".kamelet.yaml"))) {
            if (line.trim().equals("dependencies:")) {
                inDependencies = true;
                continue;
            }
            if (line.trim().startsWith("#")) {
                continue;
            }
            Matcher dependency = DEPENDENCY.matcher(line);
            if (inDependencies && dependency.matches()) {
                declared.add(dependency.group(1));
            } else if (inDependencies) {
                inDependencies = false;
            }
        }
        return declared;
    }

    // the test class path, less the Camel capability jars the Kamelet does not declare
    private static List<URL> classpathFor(List<String> declared) throws IOException {
        Set<String> allowed = declared.stream()
                .filter(d -> d.startsWith("camel:"))
                .map(d -> "camel-" + d.substring("camel:".length()))
                .collect(Collectors.toSet());
        boolean difyDeclared = declared.stream().anyMatch(d -> d.startsWith("mvn:io.cameldify:camel-dify:"));
        Set<String> difyRuntime = difyDeclared ? Set.copyOf(entries("runtime.txt")) : Set.of();
        List<URL> urls = new ArrayList<>();
        for (String entry : entries("test.txt")) {
            Path path = Path.of(entry);
            if (!isCamelCapability(path) || difyRuntime.contains(entry) || allowed.contains(artifactId(path))
                    || ALWAYS.contains(artifactId(path))) {
                urls.add(path.toUri().toURL());
            }
        }
        urls.add(Path.of("target/classes").toUri().toURL());
        urls.add(Path.of("target/test-classes").toUri().toURL());
        return urls;
    }

    private static List<String> entries(String file) throws IOException {
        return Arrays.stream(Files.readString(CLASSPATHS.resolve(file)).trim().split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank())
                .toList();
    }

    // a jar (or classes directory) that registers a Camel component, language or data format
    private static boolean isCamelCapability(Path path) throws IOException {
        String[] kinds = {"component/", "language/", "dataformat/"};
        if (Files.isDirectory(path)) {
            return Arrays.stream(kinds)
                    .anyMatch(kind -> Files.isDirectory(path.resolve("META-INF/services/org/apache/camel/" + kind)));
        }
        if (!path.toString().endsWith(".jar") || !Files.exists(path)) {
            return false;
        }
        try (ZipFile jar = new ZipFile(path.toFile())) {
            return jar.stream()
                    .anyMatch(e -> Arrays.stream(kinds)
                            .anyMatch(kind -> e.getName().startsWith("META-INF/services/org/apache/camel/" + kind)
                                    && !e.isDirectory()));
        }
    }

    // camel-bean-4.18.0.jar -> camel-bean
    private static String artifactId(Path path) {
        String name = path.getFileName().toString();
        return name.replaceAll("-\\d.*$", "");
    }

    /** The probe in the isolated class loader, driven by reflection. */
    private static final class Probe {

        private final Class<?> type;
        private final Object instance;

        Probe(ClassLoader loader) throws ReflectiveOperationException {
            type = loader.loadClass(KameletProbe.class.getName());
            assertThat(type.getClassLoader()).as("the probe runs in the isolated class loader").isSameAs(loader);
            instance = type.getConstructor().newInstance();
        }

        void start(Map<String, String> properties, String routes) throws Exception {
            call("start", new Class<?>[]{Map.class, String.class}, properties, routes);
        }

        String request(String uri, Object body, Map<String, Object> headers) {
            return (String) call("request", new Class<?>[]{String.class, Object.class, Map.class}, uri, body, headers);
        }

        String receive(String uri, long millis) {
            return (String) call("receive", new Class<?>[]{String.class, long.class}, uri, millis);
        }

        void stop() {
            call("stop", new Class<?>[0]);
        }

        private Object call(String name, Class<?>[] parameters, Object... arguments) {
            try {
                Method method = type.getMethod(name, parameters);
                return method.invoke(instance, arguments);
            } catch (InvocationTargetException e) {
                throw new AssertionError(name + " failed on KameletMain: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
