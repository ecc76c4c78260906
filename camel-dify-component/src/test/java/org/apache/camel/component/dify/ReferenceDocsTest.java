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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.operation.ApiCall;
import org.apache.camel.component.dify.protocol.transport.DifyErrors.KeyType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/dify-component.md lists every option and header exactly as the generated catalog model (dify.json) describes
 * them. After changing an option or header, regenerate the tables with
 * {@code mvn -pl camel-dify-component -am test -Dtest=ReferenceDocsTest -Ddify.docs.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReferenceDocsTest {

    private static final String BEGIN = "<!-- BEGIN GENERATED: options and headers from dify.json -->";
    private static final String OPERATIONS = "<!-- BEGIN GENERATED: generic operations from DifyOperation -->";
    private static final String END = "<!-- END GENERATED -->";

    @Test
    void theComponentReferenceMatchesTheGeneratedModel() throws Exception {
        checkSection(BEGIN, render());
    }

    @Test
    void theOperationTableMatchesTheDeclaredOperations() throws Exception {
        checkSection(OPERATIONS, renderOperations());
    }

    private static void checkSection(String marker, String content) throws Exception {
        Path doc = Path.of(System.getProperty("dify.docs.dir", "../docs"), "dify-component.md");
        String text = Files.readString(doc);
        int begin = text.indexOf(marker);
        int end = text.indexOf(END, Math.max(begin, 0));
        assertThat(begin).as("generated section markers in %s", doc).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String expected = marker + "\n" + content + END;
        String actual = text.substring(begin, end + END.length());
        if (!expected.equals(actual) && Boolean.getBoolean("dify.docs.update")) {
            Files.writeString(doc, text.substring(0, begin) + expected + text.substring(end + END.length()));
            return;
        }
        assertThat(actual).as("docs/dify-component.md is out of date: rerun with -Ddify.docs.update=true")
                .isEqualTo(expected);
    }

    /** Per generic operation: its endpoint, key, where its parameters and user come from, what it sets. */
    private static String renderOperations() {
        StringBuilder sb = new StringBuilder("\n| operation | endpoint | key | parameters in | headers out |\n"
                + "|---|---|---|---|---|\n");
        for (DifyOperation operation : DifyOperation.values()) {
            if (operation == DifyOperation.events || !(operation.handler() instanceof ApiCall call)) {
                continue;
            }
            List<String> in = new ArrayList<>();
            Matcher path = Pattern.compile("\\{([a-z_]+)}").matcher(call.endpoints().get(0));
            while (path.find()) {
                in.add(parameterDoc(path.group(1)));
            }
            call.queryParameters().forEach(q -> in.add(parameterDoc(q)));
            if (call.userIn() != ApiCall.UserIn.NONE) {
                in.add("user (`CamelDifyUser`, in the " + call.userIn().name().toLowerCase(Locale.ROOT) + ")");
            }
            if (call.fileField() != null) {
                in.add("body: the file (part `" + call.fileField() + "`)");
            }
            if (call.hasSettingsPart()) {
                in.add("`CamelDifyDocumentSettings` (part `data`)");
            }
            List<String> out = new ArrayList<>();
            if (call.cursor() != ApiCall.Cursor.NONE) {
                out.add("`CamelDifyHasMore`, `CamelDifyNextCursor` (" + call.cursor().name().toLowerCase(Locale.ROOT)
                        + ")");
            }
            if (call.isBinary()) {
                out.add("`Content-Type`");
            }
            sb.append("| `")
                    .append(operation.name())
                    .append("` | `")
                    .append(call.endpoints().get(0))
                    .append("` | ")
                    .append(call.keyType() == KeyType.DATASET ? "knowledge" : "app")
                    .append(" | ")
                    .append(String.join(", ", in))
                    .append(" | ")
                    .append(String.join(", ", out))
                    .append(" |\n");
        }
        return sb.append('\n').toString();
    }

    private static String parameterDoc(String name) {
        String header = ApiCall.headerFor(name);
        return "`" + name + "`" + (header == null ? "" : " (`" + header + "`)");
    }

    private static String render() throws Exception {
        JsonNode model;
        try (InputStream in = ReferenceDocsTest.class
                .getResourceAsStream("/META-INF/org/apache/camel/component/dify/dify.json")) {
            model = new ObjectMapper().readTree(in);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("\n### Endpoint path\n\n| name | description | default | type |\n|---|---|---|---|\n");
        rows(sb, model.get("properties"), "path");
        sb.append("\n### Endpoint options\n\nEvery endpoint option is also a component option"
                + " (`camel.component.dify.<name>`), whose value is the default of every endpoint.\n\n"
                + "| name | description | default | type |\n|---|---|---|---|\n");
        rows(sb, model.get("properties"), "parameter");
        sb.append("\n### Component-only options\n\n| name | description | default | type |\n|---|---|---|---|\n");
        Iterator<Map.Entry<String, JsonNode>> component = model.get("componentProperties").fields();
        while (component.hasNext()) {
            Map.Entry<String, JsonNode> e = component.next();
            if (!model.get("properties").has(e.getKey())) {
                row(sb, e.getKey(), e.getValue());
            }
        }
        sb.append("\n### Headers\n\n| name | description | type |\n|---|---|---|\n");
        model.get("headers")
                .fields()
                .forEachRemaining(e -> sb.append("| `")
                        .append(e.getKey())
                        .append("` | ")
                        .append(cell(e.getValue().path("description").asText()))
                        .append(" | `")
                        .append(e.getValue().path("javaType").asText())
                        .append("` |\n"));
        return sb.append('\n').toString();
    }

    private static void rows(StringBuilder sb, JsonNode properties, String kind) {
        properties.fields().forEachRemaining(e -> {
            if (kind.equals(e.getValue().path("kind").asText())) {
                row(sb, e.getKey(), e.getValue());
            }
        });
    }

    private static void row(StringBuilder sb, String name, JsonNode option) {
        String type = option.path("type").asText();
        if (option.has("enum")) {
            StringBuilder values = new StringBuilder();
            option.get("enum").forEach(v -> values.append(values.length() == 0 ? "" : ", ").append(v.asText()));
            type = type + ": " + values;
        }
        if (option.path("secret").asBoolean()) {
            type = type + " (secret)";
        }
        sb.append("| `")
                .append(name)
                .append("` | ")
                .append(cell(option.path("description").asText()))
                .append(" | ")
                .append(option.has("defaultValue") ? "`" + option.get("defaultValue").asText() + "`" : "")
                .append(" | ")
                .append(type)
                .append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
