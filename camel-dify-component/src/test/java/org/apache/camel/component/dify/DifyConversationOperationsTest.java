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

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** App information, conversations, message history and feedback through the generic operations. */
class DifyConversationOperationsTest extends DifyTestSupport {

    private static final SimulatedApp BOT = simulator().createApp(AppMode.CHAT)
            .answerWith(p -> "answer " + p.turn());
    private static final SimulatedApp WORKFLOW = simulator().createApp(AppMode.WORKFLOW);
    private static final SimulatedApp FLOW_CHAT = simulator().createApp(AppMode.ADVANCED_CHAT)
            .withConversationVariable("topic", "string", "none")
            .withConversationVariable("count", "number", 0);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                String bot = "user=ida&apiKey=" + BOT.apiKey();
                from("direct:chat").to("dify:chat?" + bot);
                from("direct:info").to("dify:getAppInfo?apiKey=" + BOT.apiKey());
                from("direct:meta").to("dify:getAppMeta?apiKey=" + BOT.apiKey());
                from("direct:conversations").to("dify:listConversations?" + bot);
                from("direct:messages").to("dify:listMessages?limit=2&" + bot);
                from("direct:rename").to("dify:renameConversation?" + bot);
                from("direct:delete").to("dify:deleteConversation?" + bot);
                from("direct:feedback").to("dify:messageFeedback?" + bot);
                String flowChat = "user=ida&apiKey=" + FLOW_CHAT.apiKey();
                from("direct:flowChat").to("dify:chat?" + flowChat);
                from("direct:variables").to("dify:listConversationVariables?" + flowChat);
                from("direct:setVariable").to("dify:updateConversationVariable?" + flowChat);
                from("direct:workflowConversations").to("dify:listConversations?user=ida&apiKey=" + WORKFLOW.apiKey());
            }
        };
    }

    @Test
    void appInfoAndMeta() {
        assertThat(send("direct:info", null).getMessage().getBody(Map.class)).containsEntry("mode", "chat")
                .containsKeys("name", "description", "tags", "author_name");
        assertThat(send("direct:meta", null).getMessage().getBody(Map.class)).containsKey("tool_icons");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConversationIsListedReadRatedRenamedAndDeleted() {
        Exchange first = send("direct:chat", "hello there");
        String conversationId = first.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class);
        for (String question : List.of("second", "third")) {
            send("direct:chat", question, DifyConstants.CONVERSATION_ID, conversationId);
        }

        Map<String, Object> page = send("direct:conversations", null).getMessage().getBody(Map.class);
        List<Map<String, Object>> conversations = (List<Map<String, Object>>) page.get("data");
        assertThat(conversations).extracting(c -> c.get("id")).contains(conversationId);
        assertThat(conversations.stream().filter(c -> conversationId.equals(c.get("id"))).findFirst().orElseThrow())
                .containsEntry("name", "hello there");

        // the newest two messages, oldest first, and a cursor to page backward
        Exchange history = send("direct:messages", null, DifyConstants.CONVERSATION_ID, conversationId);
        List<Map<String, Object>> messages = (List<Map<String, Object>>) history.getMessage()
                .getBody(Map.class)
                .get("data");
        assertThat(messages).extracting(m -> m.get("query")).containsExactly("second", "third");
        assertThat(messages).extracting(m -> m.get("answer")).containsExactly("answer 2", "answer 3");
        assertThat(history.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(true);
        String cursor = history.getMessage().getHeader(DifyConstants.NEXT_CURSOR, String.class);
        assertThat(cursor).isEqualTo(messages.get(0).get("id"));
        Exchange older = send("direct:messages", null, DifyConstants.CONVERSATION_ID, conversationId,
                DifyConstants.PARAMETERS, Map.of("first_id", cursor));
        assertThat((List<Map<String, Object>>) older.getMessage().getBody(Map.class).get("data"))
                .extracting(m -> m.get("query"))
                .containsExactly("hello there");
        assertThat(older.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(false);

        // feedback on the first answer, by the message id the chat returned
        Exchange rated = send("direct:feedback", Map.of("rating", "like", "content", "helpful"),
                DifyConstants.MESSAGE_ID, first.getMessage().getHeader(DifyConstants.MESSAGE_ID));
        assertThat(rated.getMessage().getBody(Map.class)).containsEntry("result", "success");
        var lastFeedback = simulator().requests().get(simulator().requests().size() - 1);
        assertThat(lastFeedback.jsonText("user")).isEqualTo("ida");

        Exchange renamed = send("direct:rename", Map.of("name", "Greetings"), DifyConstants.CONVERSATION_ID,
                conversationId);
        assertThat(renamed.getMessage().getBody(Map.class)).containsEntry("name", "Greetings");

        Exchange deleted = send("direct:delete", null, DifyConstants.CONVERSATION_ID, conversationId);
        assertThat(deleted.getException()).isNull();
        assertThat(deleted.getMessage().getBody()).isNull();
        assertThat(simulator().requests("DELETE", "/conversations/" + conversationId).get(0).jsonText("user"))
                .isEqualTo("ida");
        List<Map<String, Object>> remaining = (List<Map<String, Object>>) send("direct:conversations", null)
                .getMessage()
                .getBody(Map.class)
                .get("data");
        assertThat(remaining).extracting(c -> c.get("id")).doesNotContain(conversationId);
    }

    @Test
    void listParametersComeFromTheParametersHeader() {
        send("direct:chat", "a");
        send("direct:chat", "b");

        Exchange page = send("direct:conversations", null, DifyConstants.PARAMETERS,
                Map.of("limit", 1, "sort_by", "created_at"));

        assertThat(page.getMessage().getHeader(DifyConstants.HAS_MORE)).isEqualTo(true);
        assertThat(page.getMessage().getHeader(DifyConstants.NEXT_CURSOR, String.class)).isNotBlank();
        String query = simulator().requests("GET", "/conversations")
                .get(
                        simulator().requests("GET", "/conversations").size() - 1)
                .query();
        assertThat(query).contains("limit=1").contains("sort_by=created_at").contains("user=ida");
    }

    @Test
    void aMissingPathParameterFailsBeforeTheCallNamingWhereToSetIt() {
        int before = simulator().requests().size();

        Exchange exchange = send("direct:rename", Map.of("name", "x"));

        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no conversation_id")
                .hasMessageContaining("header CamelDifyConversationId")
                .hasMessageContaining("option conversationId")
                .hasMessageContaining("CamelDifyParameters");
        assertThat(simulator().requests()).hasSize(before);
    }

    @Test
    @SuppressWarnings("unchecked")
    void conversationVariablesAreListedAndUpdatedWithTypeChecks() {
        String conversationId = send("direct:flowChat", "start").getMessage()
                .getHeader(DifyConstants.CONVERSATION_ID, String.class);

        List<Map<String, Object>> variables = (List<Map<String, Object>>) send("direct:variables", null,
                DifyConstants.CONVERSATION_ID, conversationId).getMessage().getBody(Map.class).get("data");
        assertThat(variables).extracting(v -> v.get("name")).containsExactlyInAnyOrder("topic", "count");
        Object topicId = variables.stream()
                .filter(v -> "topic".equals(v.get("name")))
                .findFirst()
                .orElseThrow()
                .get("id");

        Map<String, Object> updated = send("direct:setVariable", Map.of("value", "camel"),
                DifyConstants.CONVERSATION_ID, conversationId, DifyConstants.PARAMETERS,
                Map.of("variable_id", topicId)).getMessage().getBody(Map.class);
        assertThat(updated).containsEntry("value", "camel");

        DifyException mismatch = send("direct:setVariable", Map.of("value", 42), DifyConstants.CONVERSATION_ID,
                conversationId, DifyConstants.PARAMETERS, Map.of("variable_id", topicId))
                .getException(DifyException.class);
        assertThat(mismatch.getHttpStatus()).isEqualTo(400);
        assertThat(mismatch.getCode()).isEqualTo("bad_request");
    }

    @Test
    void aWorkflowAppHasNoConversations() {
        DifyException error = send("direct:workflowConversations", null).getException(DifyException.class);

        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("not_chat_app");
    }
}
