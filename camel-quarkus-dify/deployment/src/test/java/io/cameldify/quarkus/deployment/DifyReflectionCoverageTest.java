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
package io.cameldify.quarkus.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Native mode is not built here (no GraalVM), so this checks what it depends on: the classes the extension registers
 * for reflection cover every type Jackson reads, found by following the record components of every JSON record and
 * event class of the component.
 */
class DifyReflectionCoverageTest {

    @Test
    void theReflectionRegistrationCoversEveryTypeTheMapperReads() throws IOException {
        Set<String> registered = Set.copyOf(DifyProcessor.jsonTypeNames(componentIndex()));
        // what Jackson reads, starting from the results and events and following every record component's type
        Set<String> read = new HashSet<>();
        Deque<Class<?>> next = new ArrayDeque<>(List.of(MessageResult.class, DifyStreamEvent.class));
        componentClasses().filter(c -> DifyStreamEvent.class.isAssignableFrom(c) || c.isRecord()).forEach(next::add);
        while (!next.isEmpty()) {
            Class<?> type = next.poll();
            if (!type.getName().startsWith("org.apache.camel.component.dify") || !read.add(type.getName())) {
                continue;
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    typesOf(component.getGenericType(), next);
                }
            }
        }
        read.removeIf(name -> !name.startsWith("org.apache.camel.component.dify.api."));
        assertThat(read).as("types the mapper reads").hasSizeGreaterThan(40);
        assertThat(registered).containsAll(read);
        assertThat(registered).contains("org.apache.camel.component.dify.DifyResponseMode",
                "org.apache.camel.component.dify.DifyDelivery",
                // read from a route's Map answer by the extension consumer
                "org.apache.camel.component.dify.api.ExtensionRequests$ModerationVerdict");
    }

    private static void typesOf(Type type, Deque<Class<?>> next) {
        if (type instanceof Class<?> c) {
            next.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            typesOf(p.getRawType(), next);
            for (Type argument : p.getActualTypeArguments()) {
                typesOf(argument, next);
            }
        }
    }

    private static Index componentIndex() throws IOException {
        Indexer indexer = new Indexer();
        for (Class<?> type : componentClasses().toList()) {
            try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
                indexer.index(in);
            }
        }
        return indexer.complete();
    }

    private static Stream<Class<?>> componentClasses() throws IOException {
        URL jar = MessageResult.class.getProtectionDomain().getCodeSource().getLocation();
        Path root = Path.of(java.net.URI.create(jar.toString()));
        if (!Files.isDirectory(root)) {
            try (var fs = java.nio.file.FileSystems.newFileSystem(root)) {
                return classes(fs.getPath("/")).toList().stream();
            }
        }
        return classes(root);
    }

    private static Stream<Class<?>> classes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize)
                    .map(Path::toString)
                    .filter(name -> name.startsWith("org/apache/camel/component/dify/") && name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    // the JSON packages and the option enums; other classes may need optional dependencies
                    .filter(name -> name.startsWith("org.apache.camel.component.dify.api.")
                            || name.matches("org\\.apache\\.camel\\.component\\.dify\\.Dify[A-Za-z]+"))
                    .map(DifyReflectionCoverageTest::load)
                    .toList()
                    .stream();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DifyReflectionCoverageTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
