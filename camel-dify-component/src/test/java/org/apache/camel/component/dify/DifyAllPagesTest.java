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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** allPages=true: a list operation's body is a lazy iterator over the items of every page, for a streaming split. */
class DifyAllPagesTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT).answerWith(p -> "answer " + p.turn());

    private final List<Map<String, Object>> items = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clearItems() {
        items.clear();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            @SuppressWarnings("unchecked")
            public void configure() {
                String bot = "user=pat&apiKey=" + BOT.apiKey();
                from("direct:chat").to("dify:chat?" + bot);
                from("direct:createAnnotation").to("dify:createAnnotation?" + bot);
                for (String list : List.of("listMessages", "listConversations", "listAnnotations")) {
                    from("direct:" + list).to("dify:" + list + "?allPages=true&limit=2&" + bot)
                            .split(body())
                            .streaming()
                            .process(e -> items.add(e.getMessage().getBody(Map.class)));
                }
            }
        };
    }

    @Test
    void messagesArePagedBackwardThroughTheWholeConversation() {
        Exchange first = send("direct:chat", "q1");
        String conversationId = first.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class);
        for (String question : List.of("q2", "q3", "q4", "q5")) {
            send("direct:chat", question, DifyConstants.CONVERSATION_ID, conversationId);
        }

        Exchange listed = send("direct:listMessages", null, DifyConstants.CONVERSATION_ID, conversationId);

        assertThat(listed.getException()).isNull();
        // newest page first, each page oldest first, as Dify pages history backward
        assertThat(items).extracting(m -> m.get("query")).containsExactly("q4", "q5", "q2", "q3", "q1");
        List<String> cursors = simulator().requests("GET", "/messages").stream().map(r -> r.query()).toList();
        assertThat(cursors).hasSize(3);
        assertThat(cursors.get(0)).doesNotContain("first_id");
        assertThat(cursors.get(1)).contains("first_id=").contains("limit=2").contains("user=pat");
    }

    @Test
    void conversationsAndPageNumberedListsAreReadToTheEnd() {
        for (int i = 0; i < 3; i++) {
            send("direct:chat", "topic " + i);
        }
        for (int i = 0; i < 5; i++) {
            send("direct:createAnnotation", Map.of("question", "question " + i, "answer", "answer " + i));
        }

        send("direct:listConversations", null);
        assertThat(items).extracting(c -> c.get("id")).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(3);

        items.clear();
        send("direct:listAnnotations", null);
        assertThat(items).extracting(a -> a.get("question"))
                .doesNotHaveDuplicates()
                .contains("question 0", "question 1", "question 2", "question 3", "question 4");
        assertThat(simulator().requests("GET", "/apps/annotations").stream().map(r -> r.query()).toList())
                .anyMatch(q -> q.contains("page=3"));
    }
}
