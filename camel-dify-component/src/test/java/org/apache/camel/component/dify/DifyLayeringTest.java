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

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundary and the layers. What a route author may import is in {@code api} (the JSON model, the typed events, the
 * exception) and the root package (component, endpoint, options, headers, operations, consumers); everything else is
 * under {@code internal} and may change in any release. The protocol layer (HTTP transport, SSE decoder, the API table)
 * and {@code api} use no Camel type, and only the bindings, the producer and the consumers touch an Exchange.
 */
class DifyLayeringTest {

    private static final String BASE = "org.apache.camel.component.dify";
    private static final String INTERNAL = BASE + ".internal.";
    private static final Path MAIN = Path.of("src/main/java/org/apache/camel/component/dify");
    private static final Path CLASSES = Path.of("target/classes");
    private static final Pattern CAMEL_IMPORT = Pattern.compile(
            "^import (static )?org\\.apache\\.camel\\.(?!component\\.dify\\.(api|internal\\.protocol)\\.)",
            Pattern.MULTILINE);
    private static final Pattern INTERNAL_IMPORT = Pattern
            .compile("^import (static )?org\\.apache\\.camel\\.component\\.dify\\.internal\\.", Pattern.MULTILINE);
    private static final Pattern EXCHANGE_USE = Pattern.compile("\\borg\\.apache\\.camel\\.(Exchange|Message)\\b");
    private static final Pattern DESIGN_COUNT = Pattern
            .compile("(\\d+) public types outside `api` and the root\\s+package");

    @Test
    void theProtocolLayerImportsNothingFromCamel() throws IOException {
        assertThat(sources(MAIN.resolve("internal/protocol")).stream()
                .filter(file -> CAMEL_IMPORT.matcher(read(file)).find())
                .map(Path::toString)
                .toList()).as("protocol classes that import org.apache.camel").isEmpty();
    }

    @Test
    void theApiImportsNeitherCamelNorInternals() throws IOException {
        assertThat(sources(MAIN.resolve("api")).stream()
                .filter(file -> CAMEL_IMPORT.matcher(read(file)).find() || INTERNAL_IMPORT.matcher(read(file)).find())
                .map(Path::toString)
                .toList()).as("api classes that import Camel or an internal class").isEmpty();
    }

    @Test
    void noPublicSignatureOutsideInternalNamesAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : mainClasses()) {
            if (type.getName().startsWith(INTERNAL) || !visible(type.getModifiers())) {
                continue;
            }
            check(leaks, type, "extends", type.getGenericSuperclass());
            for (Type implemented : type.getGenericInterfaces()) {
                check(leaks, type, "implements", implemented);
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(leaks, type, field.getName(), field.getGenericType());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (visible(method.getModifiers()) && !method.isSynthetic()) {
                    check(leaks, type, method.getName() + "()", method.getGenericReturnType());
                    checkParameters(leaks, type, method);
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                    checkParameters(leaks, type, constructor);
                }
            }
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    check(leaks, type, component.getName(), component.getGenericType());
                }
            }
        }
        assertThat(leaks).as("public or protected signatures outside internal that name an internal type").isEmpty();
    }

    @Test
    void designStatesHowManyPublicTypesLieOutsideTheApiAndTheRoot() throws Exception {
        List<String> outside = mainClasses().stream()
                .filter(type -> Modifier.isPublic(type.getModifiers()) && type.getEnclosingClass() == null)
                .map(Class::getName)
                .filter(name -> !name.startsWith(BASE + ".api.") && !name.substring(BASE.length() + 1)
                        .equals(
                                name.substring(name.lastIndexOf('.') + 1)))
                .toList();
        Matcher stated = DESIGN_COUNT.matcher(Files.readString(Path.of("../docs/design.md")));
        assertThat(stated.find()).as("docs/design.md says how many public types lie outside api and the root").isTrue();
        assertThat(outside).as("public types outside api and the root (all under internal)")
                .allMatch(name -> name.startsWith(INTERNAL))
                .hasSize(Integer.parseInt(stated.group(1)));
    }

    @Test
    void onlyBindingsProducerAndConsumersTouchAnExchange() throws IOException {
        List<String> touching = sources(MAIN).stream()
                .filter(file -> EXCHANGE_USE.matcher(read(file)).find())
                .map(file -> MAIN.relativize(file).toString())
                // the span decorators are Camel tracing plugins: they read the exchange they annotate, through one
                // shared rule
                .filter(name -> !name.startsWith("internal/binding/") && !name.matches("Dify\\w*Consumer\\.java")
                        && !name.equals("EventExchanges.java") && !name.equals("DifyProducer.java")
                        && !name.startsWith("internal/observability/"))
                .toList();
        assertThat(touching).as("classes other than bindings, producer and consumers that read or write an Exchange")
                .isEmpty();
    }

    private static void checkParameters(List<String> leaks, Class<?> owner, Executable executable) {
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(leaks, owner, executable.getName() + "(..)", parameter);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(leaks, owner, executable.getName() + " throws", thrown);
        }
    }

    private static void check(List<String> leaks, Class<?> owner, String member, Type type) {
        if (type instanceof Class<?> named) {
            Class<?> element = named;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.getName().startsWith(INTERNAL)) {
                leaks.add(owner.getName() + " " + member + ": " + element.getName());
            }
        } else if (type instanceof ParameterizedType parameterized) {
            check(leaks, owner, member, parameterized.getRawType());
            for (Type argument : parameterized.getActualTypeArguments()) {
                check(leaks, owner, member, argument);
            }
        } else if (type instanceof GenericArrayType array) {
            check(leaks, owner, member, array.getGenericComponentType());
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                check(leaks, owner, member, bound);
            }
            for (Type bound : wildcard.getLowerBounds()) {
                check(leaks, owner, member, bound);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> mainClasses() throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(BASE.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, DifyLayeringTest.class.getClassLoader());
                if (!type.isSynthetic() && !type.isAnonymousClass()) {
                    classes.add(type);
                }
            }
        }
        assertThat(classes).as("compiled classes under %s", CLASSES).isNotEmpty();
        return classes;
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(java).as("sources under %s", root).isNotEmpty();
            return java;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
