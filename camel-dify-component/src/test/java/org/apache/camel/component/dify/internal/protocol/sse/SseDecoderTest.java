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
package org.apache.camel.component.dify.internal.protocol.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SseDecoderTest {

    /** A stream as Dify writes it, plus the general SSE forms a proxy or another server may produce. */
    private static final String MIXED_STREAM = "event: ping\n\n"
            + "data: {\"event\":\"message\",\"answer\":\"Grüß \"}\n\n"
            + ": a comment line\r\n"
            + "data:{\"event\":\"message\",\"answer\":\"日本 🐪\"}\r\n\r\n"
            + "event: ping\r\r"
            + "data: first line\rdata: second line\r\r"
            + "event: custom_event\nid: 7\nretry: 1000\ndata: {\"x\":1}\n\n"
            + "data\n\n"
            + "data: {\"event\":\"message_end\",\"id\":\"m1\"}\n\n";

    private static final List<SseFrame> EXPECTED = List.of(
            new SseFrame(null, "{\"event\":\"message\",\"answer\":\"Grüß \"}", null),
            new SseFrame(null, "{\"event\":\"message\",\"answer\":\"日本 🐪\"}", null),
            new SseFrame(null, "first line\nsecond line", null),
            new SseFrame("custom_event", "{\"x\":1}", "7"),
            new SseFrame(null, "", "7"),
            new SseFrame(null, "{\"event\":\"message_end\",\"id\":\"m1\"}", "7"));

    @Test
    void decodesDifyFramesAndTheGeneralSseForms() {
        assertThat(decodeWhole(MIXED_STREAM)).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void decodesTheSameFramesWhenFedOneByteAtATime() {
        byte[] bytes = MIXED_STREAM.getBytes(StandardCharsets.UTF_8);
        List<SseFrame> frames = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(frames::add, 1024);
        for (byte b : bytes) {
            decoder.feed(new byte[]{b}, 0, 1);
        }
        decoder.endOfInput();
        assertThat(frames).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void decodesTheSameFramesWhateverByteTheStreamIsSplitAt() {
        byte[] bytes = MIXED_STREAM.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            List<SseFrame> frames = new ArrayList<>();
            SseDecoder decoder = new SseDecoder(frames::add, 1024);
            decoder.feed(bytes, 0, split);
            decoder.feed(bytes, split, bytes.length - split);
            decoder.endOfInput();
            assertThat(frames).as("split at byte %d", split).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void aPingOnlyStreamDispatchesNothing() {
        assertThat(decodeWhole("event: ping\n\nevent: ping\n\n: keep-alive\n\n")).isEmpty();
    }

    @Test
    void aFrameMissingOnlyItsBlankLineIsDispatchedAtEndOfInput() {
        assertThat(decodeWhole("data: {\"a\":1}\n")).containsExactly(new SseFrame(null, "{\"a\":1}", null));
    }

    @Test
    void aFrameCutInsideALineIsDroppedAtEndOfInput() {
        assertThat(decodeWhole("data: {\"a\":1}\n\ndata: {\"b\":2}\ndata: {\"trunc")).containsExactly(
                new SseFrame(null, "{\"a\":1}", null));
    }

    @Test
    void aFrameLargerThanTheBoundFails() {
        SseDecoder decoder = new SseDecoder(frame -> {
        }, 64);
        byte[] big = ("data: " + "x".repeat(100) + "\n\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decoder.feed(big, 0, big.length))
                .isInstanceOf(SseFrameTooLargeException.class)
                .hasMessageContaining("maxFrameSize");
    }

    @Test
    void theBoundAppliesPerFrameNotPerStream() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            stream.append("data: {\"i\":").append(i).append("}\n\n");
        }
        List<SseFrame> frames = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(frames::add, 32);
        byte[] bytes = stream.toString().getBytes(StandardCharsets.UTF_8);
        decoder.feed(bytes, 0, bytes.length);
        assertThat(frames).hasSize(100);
    }

    /** The SSE spec keeps the last event id across events until an {@code id:} field sets another, or empty. */
    @Test
    void theLastEventIdCarriesOverUntilAnIdFieldChangesIt() {
        assertThat(decodeWhole("id: a\ndata: 1\n\ndata: 2\n\nid\ndata: 3\n\nid: b\ndata: 4\n\n"))
                .extracting(SseFrame::id)
                .containsExactly("a", "a", "", "b");
    }

    // ---- one test per rule of the SSE spec (WHATWG HTML, "Server-sent events", 9.2.6 Interpreting an event stream)

    @Test
    void ruleLinesEndInCrLfOrLfOrCr() {
        assertThat(decodeWhole("data: a\r\n\r\ndata: b\n\ndata: c\r\r")).extracting(SseFrame::data)
                .containsExactly("a", "b", "c");
    }

    @Test
    void ruleOneLeadingByteOrderMarkIsIgnored() {
        assertThat(decodeWhole("\uFEFFdata: a\n\n")).extracting(SseFrame::data).containsExactly("a");
        assertThat(decodeWhole("\uFEFF\uFEFFdata: a\n\n")).as("only one: the second begins a line whose field"
                + " is not data").isEmpty();
        for (int split = 1; split < 3; split++) {
            byte[] bytes = "\uFEFFdata: a\n\n".getBytes(StandardCharsets.UTF_8);
            List<SseFrame> frames = new ArrayList<>();
            SseDecoder decoder = new SseDecoder(frames::add, 1024);
            decoder.feed(bytes, 0, split);
            decoder.feed(bytes, split, bytes.length - split);
            assertThat(frames).as("mark split after byte %d", split).extracting(SseFrame::data).containsExactly("a");
        }
    }

    @Test
    void ruleALineStartingWithAColonIsAComment() {
        assertThat(decodeWhole(": comment\ndata: a\n: another\n\n")).extracting(SseFrame::data)
                .containsExactly("a");
    }

    @Test
    void ruleOneSpaceAfterTheColonIsRemovedAndOnlyOne() {
        assertThat(decodeWhole("data:a\n\ndata: a\n\ndata:  a\n\n")).extracting(SseFrame::data)
                .containsExactly("a", "a", " a");
    }

    @Test
    void ruleALineWithoutAColonIsAFieldWithAnEmptyValue() {
        assertThat(decodeWhole("data\ndata\n\n")).extracting(SseFrame::data).containsExactly("\n");
    }

    @Test
    void ruleDataLinesJoinWithALineFeedAndEmptyDataLinesCount() {
        assertThat(decodeWhole("data: a\ndata:\ndata: b\n\n")).extracting(SseFrame::data)
                .containsExactly("a\n\nb");
    }

    @Test
    void ruleABlankLineWithNoDataDispatchesNothing() {
        assertThat(decodeWhole("event: only\n\nid: 1\n\n\n\n")).isEmpty();
    }

    @Test
    void ruleTheEventTypeHoldsForOneEventOnly() {
        assertThat(decodeWhole("event: custom\ndata: a\n\ndata: b\n\n")).extracting(SseFrame::event)
                .containsExactly("custom", null);
    }

    @Test
    void ruleAnIdWithANullCharacterIsIgnored() {
        assertThat(decodeWhole("id: a\ndata: 1\n\nid: b\u0000c\ndata: 2\n\n")).extracting(SseFrame::id)
                .containsExactly("a", "a");
    }

    @Test
    void ruleRetryAndUnknownFieldsAreNotData() {
        assertThat(decodeWhole("retry: 3000\nretry: soon\nfoo: bar\nData: x\ndata: a\n\n"))
                .extracting(SseFrame::data)
                .as("field names are case-sensitive: Data is unknown")
                .containsExactly("a");
    }

    @Test
    void ruleAnEventCutBeforeItsBlankLineIsNotDispatchedWhenItsLastLineIsCut() {
        // the spec discards any pending event at end of input; the decoder keeps one whose lines all arrived whole
        // (a Dify proxy may drop the last blank line) and drops one cut inside a line (its data is truncated)
        assertThat(decodeWhole("data: a\n")).extracting(SseFrame::data).containsExactly("a");
        assertThat(decodeWhole("data: a")).isEmpty();
    }

    @Test
    void theParserNamesEventsFromTheJsonThenTheEventFieldAndKeepsUnknownOnes() {
        DifyEventParser parser = new DifyEventParser(new com.fasterxml.jackson.databind.ObjectMapper());
        assertThat(parser.parse(new SseFrame(null, "{\"event\":\"brand_new_event\",\"k\":1}", null)).name())
                .isEqualTo("brand_new_event");
        DifyEvent custom = parser.parse(new SseFrame("custom", "not json", null));
        assertThat(custom.name()).isEqualTo("custom");
        assertThat(custom.json()).isNull();
        assertThat(custom.raw()).isEqualTo("not json");
        assertThat(parser.parse(new SseFrame(null, "[1,2]", null)).name()).isEqualTo("message");
    }

    private static List<SseFrame> decodeWhole(String stream) {
        List<SseFrame> frames = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(frames::add, 1024);
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        decoder.feed(bytes, 0, bytes.length);
        decoder.endOfInput();
        return frames;
    }
}
