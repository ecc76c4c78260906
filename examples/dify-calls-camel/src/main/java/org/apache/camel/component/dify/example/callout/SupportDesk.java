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
package org.apache.camel.component.dify.example.callout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.component.dify.api.ExtensionRequests.ExternalDataQuery;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationInput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationOutput;
import org.apache.camel.component.dify.api.ExtensionRequests.ModerationVerdict;

/**
 * What the support desk knows, as plain Java a route calls: its FAQ (searched by shared words, a stand-in for the
 * database, search engine or document system a real desk would ask), its customers' tiers, and its rules for what a
 * chat may be asked and may answer.
 */
public class SupportDesk {

    /** An FAQ entry, as Dify's External Knowledge API returns a record. */
    public record Record(String title, String content, double score, Map<String, Object> metadata) {
    }

    static final Map<String, String> FAQ = Map.of(
            "refunds.md", "Refunds are paid back to the original card within 14 days of the return.",
            "shipping.md", "Orders ship within two working days; express shipping arrives the next day.",
            "returns.md", "Items can be returned within 30 days in their original packaging.");
    static final Map<String, String> TIERS = Map.of("c-1001", "gold", "c-1002", "standard");
    private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){13,16}\\b");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Set<String> STOP = Set.of("the", "a", "an", "is", "are", "do", "i", "my", "how", "what",
            "when", "of", "to", "in", "for", "and", "can", "get");

    /**
     * The FAQ entries sharing words with {@code query}, best first, at most {@code topK} (all when Dify sent none),
     * scoring at least {@code threshold} (0 when Dify sent none).
     */
    public List<Record> search(String query, Integer topK, Double threshold) {
        int most = topK == null ? FAQ.size() : topK;
        double least = threshold == null ? 0.0 : threshold;
        Set<String> asked = words(query);
        List<Record> found = new ArrayList<>();
        FAQ.forEach((title, content) -> {
            Set<String> shared = words(content + " " + title.replace(".md", ""));
            shared.retainAll(asked);
            double score = asked.isEmpty() ? 0 : Math.min(1.0, shared.size() / (double) asked.size());
            if (score > 0 && score >= least) {
                found.add(new Record(title, content, Math.round(score * 100) / 100.0, Map.of("source", "faq")));
            }
        });
        found.sort(Comparator.comparingDouble(Record::score).reversed());
        return found.subList(0, Math.min(most, found.size()));
    }

    /** A query with a card number is not sent to the model: the chat answers with a warning instead. */
    public ModerationVerdict checkQuestion(ModerationInput input) {
        return CARD.matcher(input.query() == null ? "" : input.query()).find()
                ? ModerationVerdict.block("Please never send card numbers in the chat; our team will call you back.")
                : ModerationVerdict.pass();
    }

    /** An answer never shows an e-mail address. */
    public ModerationVerdict checkAnswer(ModerationOutput output) {
        String masked = EMAIL.matcher(output.text()).replaceAll("[e-mail hidden]");
        return masked.equals(output.text()) ? ModerationVerdict.pass() : ModerationVerdict.overrideText(masked);
    }

    /** The tier of the customer the app's input {@code customer} names, for the variable Dify asked for. */
    public String tierOf(ExternalDataQuery query) {
        Object customer = query.inputs() == null ? null : query.inputs().get("customer");
        return TIERS.getOrDefault(String.valueOf(customer), "standard");
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            String stem = word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word;
            if (!stem.isEmpty() && !STOP.contains(stem)) {
                words.add(stem);
            }
        }
        return words;
    }
}
