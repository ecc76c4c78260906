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

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.tooling.ReferenceDocGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsciiDoc reference, whose tables the build generates (ReferenceDocGenerator, before the tests run), lists every
 * option, header and operation of the catalog model.
 */
class DifyReferenceDocTest {

    @Test
    void theReferenceListsEveryOptionHeaderAndOperation() throws Exception {
        String doc = Files.readString(Path.of("src/main/docs/dify-component.adoc"));
        JsonNode model;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/org/apache/camel/component/dify/dify.json")) {
            model = new ObjectMapper().readTree(in);
        }
        model.get("componentProperties")
                .fieldNames()
                .forEachRemaining(name -> assertThat(doc).as("component option").contains("| *" + name + "*"));
        model.get("properties")
                .fieldNames()
                .forEachRemaining(name -> assertThat(doc).as("endpoint option").contains("| *" + name + "*"));
        model.get("headers")
                .fieldNames()
                .forEachRemaining(name -> assertThat(doc).as("header").contains("| `" + name + "`"));
        for (DifyOperation operation : DifyOperation.values()) {
            assertThat(doc).as("operation").contains("`" + operation.name() + "`");
        }
        assertThat(doc).startsWith("= Dify Component\n").contains(":artifactid: camel-dify");
        // the hints table is the operations' own
        assertThat(doc).contains(ReferenceDocGenerator.hints());
    }

    @Test
    void everyOperationDeclaresWhatItDoesToDify() {
        assertThat(DifyOperation.retrieve.hints()).isEqualTo(new DifyOperation.Hints(true, false, true));
        assertThat(DifyOperation.deleteDocument.hints().destructive()).isTrue();
        assertThat(DifyOperation.chat.hints()).isEqualTo(new DifyOperation.Hints(false, false, false));
        assertThat(DifyOperation.upsertDocument.hints()).isEqualTo(new DifyOperation.Hints(false, false, true));
        assertThat(DifyOperation.awaitIndexing.hints().readOnly()).isTrue();
        for (DifyOperation operation : DifyOperation.values()) {
            // read-only operations are retried (idempotent); nothing read-only deletes
            if (operation.hints().readOnly()) {
                assertThat(operation.hints().idempotent()).as(operation.name()).isTrue();
                assertThat(operation.hints().destructive()).as(operation.name()).isFalse();
            }
        }
    }
}
