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
package io.cameldify.springboot.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.util.StringHelper;

/**
 * Writes the starter's {@code META-INF/spring-configuration-metadata.json} from the component's catalog model
 * (dify.json in the camel-dify jar): each component option as {@code camel.component.dify.<kebab-name>} with its type,
 * description and default, and the values of the enum options as hints. The build runs it after compiling
 * (exec-maven-plugin), so an IDE's completion always matches the component.
 */
public final class ConfigurationMetadataGenerator {

    private static final String PREFIX = "camel.component.dify";

    private ConfigurationMetadataGenerator() {
    }

    /** @param args where to write the metadata */
    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode model;
        try (InputStream in = ConfigurationMetadataGenerator.class
                .getResourceAsStream("/META-INF/org/apache/camel/component/dify/dify.json")) {
            model = mapper.readTree(in);
        }
        Path target = Path.of(args[0]);
        Files.createDirectories(target.getParent());
        Files.writeString(target, mapper.writeValueAsString(metadata(mapper, model)));
    }

    static ObjectNode metadata(ObjectMapper mapper, JsonNode model) {
        ObjectNode metadata = mapper.createObjectNode();
        metadata.putArray("groups")
                .addObject()
                .put("name", PREFIX)
                .put("type", "org.apache.camel.component.dify.DifyComponent")
                .put("description", model.get("component").get("description").asText());
        ArrayNode properties = metadata.putArray("properties");
        properties.addObject()
                .put("name", PREFIX + ".enabled")
                .put("type", "java.lang.Boolean")
                .put("description", "Whether to configure the dify component from these properties.")
                .put("defaultValue", true);
        ArrayNode hints = metadata.putArray("hints");
        Iterator<Map.Entry<String, JsonNode>> options = model.get("componentProperties").fields();
        while (options.hasNext()) {
            Map.Entry<String, JsonNode> option = options.next();
            JsonNode spec = option.getValue();
            if (spec.path("javaType").asText().endsWith("DifyConfiguration")) {
                continue; // the whole configuration object: its options are listed one by one
            }
            String name = PREFIX + "." + StringHelper.camelCaseToDash(option.getKey());
            ObjectNode property = properties.addObject()
                    .put("name", name)
                    .put("type", javaType(spec.path("javaType").asText()))
                    .put("description", spec.path("description").asText());
            if (spec.has("defaultValue")) {
                property.set("defaultValue", spec.get("defaultValue"));
            }
            if (spec.path("deprecated").asBoolean()) {
                property.putObject("deprecation");
            }
            if (spec.has("enum")) {
                ArrayNode values = hints.addObject().put("name", name).putArray("values");
                spec.get("enum").forEach(value -> values.addObject().put("value", value.asText()));
            }
        }
        return metadata;
    }

    // Spring's metadata wants object types (int -> java.lang.Integer)
    private static String javaType(String type) {
        return switch (type) {
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            case "boolean" -> "java.lang.Boolean";
            case "double" -> "java.lang.Double";
            default -> type;
        };
    }
}
