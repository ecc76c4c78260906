package org.apache.camel.component.dify.example;

import org.apache.camel.main.Main;

/** The YAML DSL example: {@code routes/dify-chat.camel.yaml}, run by Camel Main. */
public final class DifyYamlExample {

    private DifyYamlExample() {
    }

    public static void main(String[] args) throws Exception {
        try (ExampleDify dify = ExampleDify.fromEnvironment()) {
            DifyChatExample.run(new Main(), dify.camelProperties(), true);
        }
    }
}
