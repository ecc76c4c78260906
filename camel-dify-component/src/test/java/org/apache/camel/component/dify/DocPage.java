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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of the project's docs whose Java snippets a test runs: every {@code ```java} block of the page must be in
 * the test class's source, whitespace aside, so a page cannot show a route that no test ran. A block right after the
 * line {@code <!-- recipe: not run here -->} is exempt: the page says it is not run.
 */
public final class DocPage {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(<!-- recipe: not run here -->\n)?```java\n(.*?)```",
            Pattern.DOTALL);

    private DocPage() {
    }

    /**
     * Asserts that each of the {@code snippets} Java blocks of {@code page} (a path below the project's {@code docs/})
     * is in the source of {@code test}.
     */
    public static void assertSnippetsRunBy(String page, Class<?> test, int snippets) {
        String source = squeeze(read(Path.of("src/test/java", test.getName().replace('.', '/') + ".java")));
        Matcher blocks = JAVA_BLOCK.matcher(read(Path.of("../docs", page)));
        int count = 0;
        while (blocks.find()) {
            if (blocks.group(1) != null) {
                continue; // a recipe for artifacts this build cannot have, and says so on the page
            }
            assertThat(source).as("docs/%s shows a route %s does not run:%n%s", page, test.getSimpleName(),
                    blocks.group(2)).contains(squeeze(blocks.group(2)));
            count++;
        }
        assertThat(count).as("Java snippets of docs/%s", page).isEqualTo(snippets);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String squeeze(String text) {
        return text.replaceAll("\\s+", "");
    }
}
