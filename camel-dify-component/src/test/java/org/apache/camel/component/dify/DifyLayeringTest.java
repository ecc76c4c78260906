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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two layers stay apart: the protocol layer (HTTP transport, JSON model, SSE decoder, the API table) uses no Camel
 * type, and only the binding package, the producer and the consumers touch an Exchange or a Message.
 */
class DifyLayeringTest {

    private static final Path MAIN = Path.of("src/main/java/org/apache/camel/component/dify");
    private static final Pattern CAMEL_IMPORT = Pattern.compile(
            "^import (static )?org\\.apache\\.camel\\.(?!component\\.dify\\.protocol\\.)", Pattern.MULTILINE);
    private static final Pattern EXCHANGE_USE = Pattern.compile("\\borg\\.apache\\.camel\\.(Exchange|Message)\\b");

    @Test
    void theProtocolLayerImportsNothingFromCamel() throws IOException {
        assertThat(sources(MAIN.resolve("protocol")).stream()
                .filter(file -> CAMEL_IMPORT.matcher(read(file)).find())
                .map(Path::toString)
                .toList()).as("protocol classes that import org.apache.camel").isEmpty();
    }

    @Test
    void onlyBindingsProducerAndConsumersTouchAnExchange() throws IOException {
        List<String> touching = sources(MAIN).stream()
                .filter(file -> EXCHANGE_USE.matcher(read(file)).find())
                .map(file -> MAIN.relativize(file).toString())
                // the span decorators are Camel tracing plugins: they read the exchange they annotate, through one
                // shared rule
                .filter(name -> !name.startsWith("binding/") && !name.startsWith("consumer/")
                        && !name.equals("DifyProducer.java") && !name.equals("observability/DifySpanDecorator.java")
                        && !name.equals("observability/DifyTelemetrySpanDecorator.java")
                        && !name.equals("observability/GenAiSpanAttributes.java"))
                .toList();
        assertThat(touching).as("classes outside binding/ that read or write an Exchange").isEmpty();
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
