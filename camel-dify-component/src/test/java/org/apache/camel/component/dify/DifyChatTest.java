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

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.RecordedRequest;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DifyChatTest extends DifyTestSupport {

    private static final SimulatedApp CHATBOT = simulator().createApp(AppMode.CHAT)
            .answerWith(p -> "Answer " + p.turn() + " to " + p.query());
    private static final SimulatedApp AGENT = simulator().createApp(AppMode.AGENT_CHAT).answer("Agent says hi.");
    private static final SimulatedApp CHATFLOW = simulator().createApp(AppMode.ADVANCED_CHAT)
            .answer("Chatflow answer.");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:chat").to("dify:chat?apiKey=" + CHATBOT.apiKey() + "&user=alice");
                from("direct:blocking").to("dify:chat?apiKey=" + CHATBOT.apiKey() + "&delivery=blocking");
                from("direct:agent").to("dify:chat?apiKey=" + AGENT.apiKey());
                from("direct:agentBlocking").to("dify:chat?apiKey=" + AGENT.apiKey() + "&delivery=blocking");
                from("direct:chatflow").to("dify:chat?apiKey=" + CHATFLOW.apiKey());
                from("direct:chatflowBlocking").to("dify:chat?delivery=blocking&apiKey=" + CHATFLOW.apiKey());
                from("direct:full").to("dify:chat?fullResponse=true&apiKey=" + CHATBOT.apiKey());
            }
        };
    }

    @Test
    void streamingChatReturnsTheAnswerAndItsIdsAndUsage() {
        Exchange exchange = send("direct:chat", "What is Camel?");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Answer 1 to What is Camel?");
        assertThat(exchange.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.MESSAGE_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.TASK_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_TOKENS, Long.class)).isPositive();
        assertThat(exchange.getMessage().getHeader(DifyConstants.PROMPT_TOKENS, Integer.class)).isPositive();
        assertThat(exchange.getMessage().getHeader(DifyConstants.COMPLETION_TOKENS, Integer.class)).isPositive();
        assertThat(exchange.getMessage().getHeader(DifyConstants.CURRENCY, String.class)).isEqualTo("USD");
        assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_PRICE)).isNotNull();
        assertThat(exchange.getMessage().getHeader(DifyConstants.LATENCY, Double.class)).isPositive();

        RecordedRequest request = lastChatRequest();
        assertThat(request.jsonText("response_mode")).isEqualTo("streaming");
        assertThat(request.jsonText("user")).isEqualTo("alice");
        assertThat(request.jsonText("query")).isEqualTo("What is Camel?");
        assertThat(request.json().get("inputs").isObject()).isTrue();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + CHATBOT.apiKey());
    }

    @Test
    void blockingChatSendsABlockingRequestAndReturnsTheSameResult() {
        Exchange exchange = send("direct:blocking", "Hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Answer 1 to Hello");
        assertThat(exchange.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.MESSAGE_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_TOKENS, Long.class)).isPositive();
        assertThat(lastChatRequest().jsonText("response_mode")).isEqualTo("blocking");
        assertThat(lastChatRequest().jsonText("user")).isEqualTo("camel-dify");
    }

    @Test
    void theConversationContinuesWhenTheHeaderIsSentBack() {
        Exchange first = send("direct:chat", "first");
        String conversationId = first.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class);

        Exchange second = send("direct:chat", "second", DifyConstants.CONVERSATION_ID, conversationId);

        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getBody(String.class)).isEqualTo("Answer 2 to second");
        assertThat(second.getMessage().getHeader(DifyConstants.CONVERSATION_ID)).isEqualTo(conversationId);
        assertThat(lastChatRequest().jsonText("conversation_id")).isEqualTo(conversationId);
    }

    @Test
    void anotherUsersConversationIsNotFound() {
        String conversationId = send("direct:chat", "mine").getMessage()
                .getHeader(DifyConstants.CONVERSATION_ID, String.class);

        Exchange exchange = send("direct:chat", "yours?", DifyConstants.CONVERSATION_ID, conversationId,
                DifyConstants.USER, "bob");

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error).isNotNull();
        assertThat(error.getHttpStatus()).isEqualTo(404);
        assertThat(error.getCode()).isEqualTo("not_found");
        assertThat(error.getDifyMessage()).isEqualTo("Conversation Not Exists.");
        assertThat(lastChatRequest().jsonText("user")).isEqualTo("bob");
    }

    @Test
    void aMapBodyGivesFullControlOverTheRequest() {
        Exchange exchange = send("direct:chat", Map.of("query", "from a map", "inputs", Map.of("lang", "en"),
                "auto_generate_name", false));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Answer 1 to from a map");
        RecordedRequest request = lastChatRequest();
        assertThat(request.json().get("inputs").get("lang").asText()).isEqualTo("en");
        assertThat(request.json().get("auto_generate_name").asBoolean()).isFalse();
    }

    @Test
    void agentAppsStreamAndTheirAnswerIsAggregated() {
        Exchange exchange = send("direct:agent", "Hi agent");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Agent says hi.");
    }

    @Test
    void agentAppsRejectBlockingWithInvalidParam() {
        Exchange exchange = send("direct:agentBlocking", "Hi agent");

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error).isNotNull();
        assertThat(error.getHttpStatus()).isEqualTo(400);
        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEqualTo("Agent Chat App does not support blocking mode");
        assertThat(error.getOperation()).isEqualTo("chat");
    }

    @Test
    void aChatflowStreamEndsWithWorkflowFinishedAndReportsTheRun() {
        Exchange exchange = send("direct:chatflow", "Run the flow");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Chatflow answer.");
        assertThat(exchange.getMessage().getHeader(DifyConstants.WORKFLOW_RUN_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.WORKFLOW_STATUS)).isEqualTo("succeeded");
        assertThat(exchange.getMessage().getHeader(DifyConstants.CONVERSATION_ID, String.class)).isNotBlank();
        assertThat(exchange.getMessage().getHeader(DifyConstants.TOTAL_TOKENS, Long.class)).isPositive();
    }

    @Test
    void aChatflowBlockingCallReturnsTheAnswer() {
        Exchange exchange = send("direct:chatflowBlocking", "Run the flow");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("Chatflow answer.");
    }

    @Test
    void aStreamingChatflowReportsAnUnknownConversationInsideTheStream() {
        Exchange exchange = send("direct:chatflow", "continue", DifyConstants.CONVERSATION_ID,
                "5b2f6c1e-3a0d-4a8e-9c61-1f2d3e4a5b6c");

        DifyException error = exchange.getException(DifyException.class);
        assertThat(error).isNotNull();
        assertThat(error.getHttpStatus()).isEqualTo(200);
        assertThat(error.getCode()).isEqualTo(DifyException.WORKFLOW_FAILED);
        assertThat(error.getDifyMessage()).isEqualTo("Conversation Not Exists.");
        assertThat(error.getProgress().workflowRunId()).isNotBlank();
    }

    @Test
    void fullResponseGivesTheTypedResult() {
        Exchange exchange = send("direct:full", "typed please");

        MessageResult result = exchange.getMessage().getBody(MessageResult.class);
        assertThat(result.answer()).isEqualTo("Answer 1 to typed please");
        assertThat(result.conversationId()).isNotBlank();
        assertThat(result.usage().totalTokens()).isPositive();
        assertThat(result.metadata().retrieverResources()).isEmpty();
    }

    @Test
    void theApiKeyHeaderPicksTheAppPerExchange() {
        SimulatedApp support = simulator().createApp(AppMode.CHAT).answer("support bot");
        SimulatedApp sales = simulator().createApp(AppMode.CHAT).answer("sales bot");

        Exchange first = send("direct:chat", "hi", DifyConstants.API_KEY, support.apiKey());
        Exchange second = send("direct:chat", "hi", DifyConstants.API_KEY, sales.apiKey());

        assertThat(first.getMessage().getBody(String.class)).isEqualTo("support bot");
        assertThat(second.getMessage().getBody(String.class)).isEqualTo("sales bot");
        assertThat(lastChatRequest().header("Authorization")).isEqualTo("Bearer " + sales.apiKey());
    }

    private static RecordedRequest lastChatRequest() {
        var requests = simulator().requests("POST", "/chat-messages");
        return requests.get(requests.size() - 1);
    }
}
