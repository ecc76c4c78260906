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
package org.apache.camel.component.dify.internal.protocol.stream;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The sharp edges of taking {@code <think>} reasoning out of an answer that arrives in pieces. */
class ThinkSplitterTest {

    private static final String TEXT = "<think>First, 2 + 2.\nThat is 4.</think>\n\nThe answer is 4.";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 13, 100})
    void theSameSplitWhateverTheDeltas(int size) {
        ThinkSplitter splitter = new ThinkSplitter();
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (int at = 0; at < TEXT.length(); at += size) {
            ThinkSplitter.Split split = splitter.feed(TEXT.substring(at, Math.min(TEXT.length(), at + size)));
            answer.append(split.answer());
            reasoning.append(split.reasoning());
        }
        ThinkSplitter.Split rest = splitter.finish();

        assertThat(answer.append(rest.answer())).hasToString("The answer is 4.");
        assertThat(reasoning.append(rest.reasoning())).hasToString("First, 2 + 2.\nThat is 4.");
    }

    @Test
    void textWithoutReasoningIsAllAnswerAndALoneAngleBracketIsKeptOnlyUntilItCannotBeATag() {
        ThinkSplitter splitter = new ThinkSplitter();

        assertThat(splitter.feed("a < b and <th").answer()).isEqualTo("a < b and ");
        assertThat(splitter.feed("is").answer()).isEqualTo("<this");
        assertThat(ThinkSplitter.splitAll("x <thin").answer()).isEqualTo("x <thin");
    }

    @Test
    void anUnclosedReasoningIsAllReasoningAndSeveralBlocksAreJoined() {
        assertThat(ThinkSplitter.splitAll("<think>still thinking")).extracting(ThinkSplitter.Split::answer,
                ThinkSplitter.Split::reasoning).containsExactly("", "still thinking");
        ThinkSplitter.Split two = ThinkSplitter.splitAll("<think>a</think>One. <think>b</think>Two.");
        assertThat(List.of(two.answer(), two.reasoning())).containsExactly("One. Two.", "ab");
    }

    @Test
    void onlyADeltaOutsideReasoningWithNothingKeptBackAndNoTagStartPassesUnchanged() {
        ThinkSplitter splitter = new ThinkSplitter();
        assertThat(splitter.passesUnchanged("Hello there")).isTrue();
        assertThat(splitter.passesUnchanged("a <b>")).isFalse();

        splitter.feed("<think>hm");
        assertThat(splitter.passesUnchanged("more")).as("inside reasoning").isFalse();
        splitter.feed("</think>");
        assertThat(splitter.passesUnchanged("\n\nAnswer")).as("the answer's leading line breaks go").isFalse();
        splitter.feed("\n\nAnswer <");
        assertThat(splitter.passesUnchanged("rest")).as("a possible tag start kept back").isFalse();
        splitter.feed("b> and");
        assertThat(splitter.passesUnchanged(" more")).isTrue();
    }
}
