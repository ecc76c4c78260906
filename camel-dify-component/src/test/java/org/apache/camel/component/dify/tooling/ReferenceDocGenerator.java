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
package org.apache.camel.component.dify.tooling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.DifyOperation;
import org.apache.camel.component.dify.internal.binding.ApiBinding;
import org.apache.camel.component.dify.internal.binding.ExchangeInputs;
import org.apache.camel.component.dify.internal.binding.OperationTable;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.UserIn;
import org.apache.camel.component.dify.internal.protocol.api.Cursor;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors.KeyType;

/**
 * Writes the generated sections of the component reference (src/main/docs/dify-component.adoc): the options and
 * headers tables from the catalog model the build generates (dify.json), and the table of the operations that map one
 * Dify endpoint from their rows in DifyApi. The build runs it after compiling (exec-maven-plugin, phase
 * process-test-classes), so the reference never lags the code; sections are found by their Camel-style markers.
 */
public final class ReferenceDocGenerator {

    private static final String OPTIONS_START = "// component options: START";
    private static final String OPTIONS_END = "// component options: END";
    private static final String OPERATIONS_START = "// generic operations: START";
    private static final String OPERATIONS_END = "// generic operations: END";
    private static final String HINTS_START = "// operation hints: START";
    private static final String HINTS_END = "// operation hints: END";

    private ReferenceDocGenerator() {
    }

    /** @param args the catalog model (dify.json) and the AsciiDoc reference to update */
    public static void main(String[] args) throws IOException {
        JsonNode model = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Path doc = Path.of(args[1]);
        String text = Files.readString(doc);
        String updated = replace(replace(replace(text, OPTIONS_START, OPTIONS_END, options(model)),
                OPERATIONS_START, OPERATIONS_END, operations()), HINTS_START, HINTS_END, hints());
        if (!updated.equals(text)) {
            Files.writeString(doc, updated);
        }
    }

    private static String replace(String text, String start, String end, String content) {
        int begin = text.indexOf(start);
        int finish = text.indexOf(end, Math.max(begin, 0));
        if (begin < 0 || finish < 0) {
            throw new IllegalStateException("the reference has no section between '" + start + "' and '" + end + "'");
        }
        return text.substring(0, begin + start.length()) + "\n" + content + text.substring(finish);
    }

    static String options(JsonNode model) {
        StringBuilder sb = new StringBuilder();
        JsonNode properties = model.get("properties");
        sb.append("== Configuring Options\n\n")
                .append("Every endpoint option is also a component option (`camel.component.dify.<name>`), whose value")
                .append(" is the default of every endpoint. The component also has these options of its own:\n\n");
        table(sb, true);
        Iterator<Map.Entry<String, JsonNode>> component = model.get("componentProperties").fields();
        while (component.hasNext()) {
            Map.Entry<String, JsonNode> e = component.next();
            if (!properties.has(e.getKey())) {
                row(sb, e.getKey(), e.getValue());
            }
        }
        sb.append("|===\n\n=== Endpoint path\n\n----\n")
                .append(model.get("component").get("syntax").asText())
                .append("\n----\n\n");
        table(sb, true);
        rows(sb, properties, "path");
        sb.append("|===\n\n=== Endpoint options\n\n");
        table(sb, true);
        rows(sb, properties, "parameter");
        sb.append("|===\n\n=== Message headers\n\n");
        table(sb, false);
        model.get("headers")
                .fields()
                .forEachRemaining(e -> sb.append("| `")
                        .append(e.getKey())
                        .append("` (")
                        .append(e.getValue().path("group").asText())
                        .append(")\n| ")
                        .append(cell(e.getValue().path("description").asText()))
                        .append("\n| `")
                        .append(e.getValue().path("javaType").asText())
                        .append("`\n\n"));
        return sb.append("|===\n").toString();
    }

    private static void table(StringBuilder sb, boolean withDefault) {
        sb.append(withDefault
                ? "[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n| Name | Description | Default | Type\n\n"
                : "[width=\"100%\",cols=\"2,5,2\",options=\"header\"]\n|===\n| Name | Description | Type\n\n");
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
            List<String> values = new ArrayList<>();
            option.get("enum").forEach(v -> values.add(v.asText()));
            type = type + ": " + String.join(", ", values);
        }
        if (option.path("secret").asBoolean()) {
            type = type + " (secret)";
        }
        String group = option.path("group").asText();
        String defaultValue = option.has("defaultValue") ? "`" + option.get("defaultValue").asText() + "`" : "";
        sb.append("| *")
                .append(name)
                .append('*')
                .append(group.isEmpty() ? "" : " (" + group + ")")
                .append("\n| ")
                .append(cell(option.path("description").asText()))
                .append("\n| ")
                .append(defaultValue)
                .append("\n| ")
                .append(cell(type))
                .append("\n\n");
    }

    /** Per operation that maps one endpoint as it is: its endpoint, key, inputs and the headers it sets. */
    static String operations() {
        StringBuilder sb = new StringBuilder("[width=\"100%\",cols=\"2,4,1,4,2\",options=\"header\"]\n|===\n"
                + "| Operation | Dify endpoint | Key | Parameters in | Headers out\n\n");
        for (DifyOperation operation : DifyOperation.values()) {
            if (OperationTable.apis(operation).size() != 1
                    || !(OperationTable.binding(operation) instanceof ApiBinding)) {
                continue;
            }
            ApiSpec spec = OperationTable.api(operation).spec();
            List<String> in = new ArrayList<>();
            spec.pathParameters().forEach(p -> in.add(parameterDoc(p)));
            spec.query().forEach(q -> in.add(parameterDoc(q.name()) + (q.array() ? " (repeatable)" : "")));
            if (spec.userIn() != UserIn.NONE) {
                in.add("user (`CamelDifyUser`, in the " + spec.userIn().name().toLowerCase(Locale.ROOT) + ")");
            }
            switch (spec.body()) {
                case FILE -> in.add("body: the file (part `file`)");
                case FILE_AND_SETTINGS -> in.add("body: the file (part `file`); `CamelDifyDocumentSettings` (part"
                        + " `data`)");
                case JSON -> in.add("body: the request's fields");
                case NONE -> {
                }
            }
            List<String> out = new ArrayList<>();
            if (spec.cursor() != Cursor.NONE) {
                out.add("`CamelDifyHasMore`, `CamelDifyNextCursor` (" + spec.cursor().parameter() + ")");
            }
            if (spec.response() == ApiSpec.Response.BINARY) {
                out.add("`Content-Type`");
            }
            sb.append("| `")
                    .append(operation.name())
                    .append("`\n| `")
                    .append(spec)
                    .append("`\n| ")
                    .append(spec.keyType() == KeyType.DATASET ? "knowledge" : "app")
                    .append("\n| ")
                    .append(cell(String.join(", ", in)))
                    .append("\n| ")
                    .append(String.join(", ", out))
                    .append("\n\n");
        }
        return sb.append("|===\n").toString();
    }

    /** Per operation: whether it reads, writes or deletes, and whether it may be repeated. */
    public static String hints() {
        StringBuilder sb = new StringBuilder("[width=\"100%\",cols=\"3,2,2\",options=\"header\"]\n|===\n"
                + "| Operation | Effect | Idempotent\n\n");
        for (DifyOperation operation : DifyOperation.values()) {
            if (operation.consumerOnly()) {
                continue;
            }
            DifyOperation.Hints hints = operation.hints();
            sb.append("| `")
                    .append(operation.name())
                    .append("`\n| ")
                    .append(hints.readOnly() ? "read" : hints.destructive() ? "destructive" : "write")
                    .append("\n| ")
                    .append(hints.idempotent() ? "yes" : "no")
                    .append("\n\n");
        }
        return sb.append("|===\n").toString();
    }

    private static String parameterDoc(String name) {
        String header = ExchangeInputs.headerFor(name);
        return "`" + name + "`" + (header == null ? "" : " (`" + header + "`)");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
