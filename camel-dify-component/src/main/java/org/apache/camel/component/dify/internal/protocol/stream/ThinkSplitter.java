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

/**
 * Separates the reasoning that reasoning models (DeepSeek-R1, QwQ and others) write between {@code <think>} and
 * {@code </think>} from the answer, as Dify passes it through in the answer text when the model's reasoning is not
 * separated by Dify itself. Fed delta by delta, it keeps back the end of a delta that may be the start of a tag, so a
 * tag split across deltas is still found; {@link #finish()} releases what was kept back.
 */
public final class ThinkSplitter {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    /**
     * What one delta adds.
     *
     * @param answer    the text to show
     * @param reasoning the reasoning text
     */
    public record Split(String answer, String reasoning) {

        public boolean isEmpty() {
            return answer.isEmpty() && reasoning.isEmpty();
        }
    }

    private final StringBuilder pending = new StringBuilder();
    private boolean thinking;
    // the answer's first text after a reasoning block starts with the model's line breaks; they are not the answer
    private boolean trimNext;

    /** The answer and reasoning of a whole text. */
    public static Split splitAll(String text) {
        ThinkSplitter splitter = new ThinkSplitter();
        Split first = splitter.feed(text);
        Split rest = splitter.finish();
        return new Split(first.answer() + rest.answer(), first.reasoning() + rest.reasoning());
    }

    /**
     * Whether {@code delta} is all answer and leaves this splitter as it is: outside reasoning, nothing kept back, no
     * tag start in it. Then it need not be fed.
     */
    public boolean passesUnchanged(String delta) {
        return !thinking && !trimNext && pending.isEmpty() && delta.indexOf('<') < 0;
    }

    /** Adds a delta; answers what of it (and of what was kept back) is answer and what is reasoning. */
    public Split feed(String delta) {
        pending.append(delta == null ? "" : delta);
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        while (true) {
            String tag = thinking ? CLOSE : OPEN;
            int at = pending.indexOf(tag);
            if (at >= 0) {
                emit(pending.substring(0, at), answer, reasoning);
                pending.delete(0, at + tag.length());
                trimNext = thinking; // closing: the answer's leading line breaks follow
                thinking = !thinking;
                continue;
            }
            int keep = partialTagAtEnd(tag);
            emit(pending.substring(0, pending.length() - keep), answer, reasoning);
            pending.delete(0, pending.length() - keep);
            return new Split(answer.toString(), reasoning.toString());
        }
    }

    /** Releases what was kept back at the end of the stream. */
    public Split finish() {
        StringBuilder answer = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        emit(pending.toString(), answer, reasoning);
        pending.setLength(0);
        return new Split(answer.toString(), reasoning.toString());
    }

    private void emit(String text, StringBuilder answer, StringBuilder reasoning) {
        if (thinking) {
            reasoning.append(text);
            return;
        }
        if (trimNext) {
            text = text.stripLeading();
            if (text.isEmpty()) {
                return;
            }
            trimNext = false;
        }
        answer.append(text);
    }

    // how many characters at the end of pending could be the start of tag
    private int partialTagAtEnd(String tag) {
        for (int length = Math.min(tag.length() - 1, pending.length()); length > 0; length--) {
            if (tag.startsWith(pending.substring(pending.length() - length))) {
                return length;
            }
        }
        return 0;
    }
}
