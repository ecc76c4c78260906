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
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.dify.simulator.AppMode;
import org.apache.camel.component.dify.simulator.SimulatedApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input fails before any HTTP call, with a message that names the option or header to set. */
class DifyInputValidationTest extends DifyTestSupport {

    private static final SimulatedApp CHATBOT = simulator().createApp(AppMode.CHAT);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:noKey").to("dify:chat");
                from("direct:chat").to("dify:chat?apiKey=" + CHATBOT.apiKey());
                from("direct:upload").to("dify:uploadFile?apiKey=" + CHATBOT.apiKey());
                from("direct:retrieve").to("dify:retrieve?apiKey=dataset-x");
                from("direct:workflow").to("dify:workflowRun?apiKey=" + CHATBOT.apiKey());
                String withoutV1 = simulator().baseUrl().replace("/v1", "");
                from("direct:noV1").to("dify:getAppInfo?baseUrl=" + withoutV1 + "&apiKey=" + CHATBOT.apiKey());
            }
        };
    }

    @Test
    void noApiKey() {
        assertRejected(() -> send("direct:noKey", "hi"), "option apiKey", "header CamelDifyApiKey");
    }

    @Test
    void noQuery() {
        assertRejected(() -> send("direct:chat", null), "no query", "header CamelDifyQuery");
        assertRejected(() -> send("direct:chat", Map.of("inputs", Map.of())), "no query");
    }

    @Test
    void unknownOperationInTheUriOrHeader() {
        assertThatThrownBy(() -> context.getEndpoint("dify:summarize?apiKey=x"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining("Unknown Dify operation 'summarize': use one of chat, completion, workflowRun,"
                        + " uploadFile, retrieve");
        assertRejected(() -> send("direct:chat", "hi", DifyConstants.OPERATION, "summarize"), "Unknown Dify operation",
                "header CamelDifyOperation");
    }

    @Test
    void closedValueSetsAreEnumsAnUnknownValueIsRefusedNotReadAsTheDefault() {
        // overflowPolicy=Fail used to mean wait: any value that is not one of the set fails the endpoint
        assertThatThrownBy(() -> context.getEndpoint("dify:events?overflowPolicy=drop"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining("overflowPolicy is 'drop': use one of ");
        assertThatThrownBy(() -> context.getEndpoint("dify:stop?taskType=agent&apiKey=x"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining("agent");
        DifyEndpoint failing = context.getEndpoint("dify:events?overflowPolicy=fail", DifyEndpoint.class);
        assertThat(failing.getConfiguration().getOverflowPolicy()).isEqualTo(DifyOverflowPolicy.fail);
        assertThat(context.getEndpoint("dify:stop?taskType=workflow&apiKey=x", DifyEndpoint.class)
                .getConfiguration()
                .getTaskType()).isEqualTo(DifyTaskType.workflow);
    }

    @Test
    void malformedConversationId() {
        assertRejected(() -> send("direct:chat", "hi", DifyConstants.CONVERSATION_ID, "conv-42"), "not a UUID",
                "CamelDifyConversationId");
    }

    @Test
    void inputsThatAreNotAMap() {
        assertRejected(() -> send("direct:chat", "hi", DifyConstants.INPUTS, "lang=en"), "header CamelDifyInputs",
                "must be a Map");
    }

    @Test
    void filesWithoutTransferMethod() {
        assertRejected(() -> send("direct:chat", "hi", DifyConstants.FILES, List.of(Map.of("upload_file_id", "x"))),
                "header CamelDifyFiles", "transfer_method");
        assertRejected(() -> send("direct:chat", "hi", DifyConstants.FILES, 42), "header CamelDifyFiles");
    }

    @Test
    void uploadBodiesThatCannotBeUsed() {
        assertRejected(() -> send("direct:upload", null), "no file");
        assertRejected(() -> send("direct:upload", "just text", Exchange.FILE_NAME, "a.txt"), "cannot upload a body");
        assertRejected(() -> send("direct:upload", new byte[]{1}), "header CamelFileName");
        assertRejected(() -> send("direct:upload", new java.io.File("target/does-not-exist.txt")), "does not exist");
    }

    @Test
    void retrieveWithoutDatasetOrWithTooLongAQuery() {
        assertRejected(() -> send("direct:retrieve", "q"), "option datasetId", "header CamelDifyDatasetId");
        assertRejected(() -> send("direct:retrieve", "x".repeat(251), DifyConstants.DATASET_ID, "d"), "at most 250");
    }

    @Test
    void workflowInputsFromABodyThatIsNotAMap() {
        assertRejected(() -> send("direct:workflow", Map.of(), DifyConstants.INPUTS, List.of("a")), "must be a Map");
    }

    @Test
    void optionsOutOfRangeOrMalformedFailTheEndpointNamingTheOption() {
        assertThatThrownBy(() -> context.getEndpoint("dify:retrieve?apiKey=x&topK=-3"))
                .hasStackTraceContaining("topK is -3");
        assertThatThrownBy(() -> context.getEndpoint("dify:listDocuments?apiKey=x&limit=500"))
                .hasStackTraceContaining("limit is 500");
        assertThatThrownBy(() -> context.getEndpoint("dify:retrieve?apiKey=x&scoreThreshold=1.5"))
                .hasStackTraceContaining("scoreThreshold");
        assertThatThrownBy(() -> context.getEndpoint("dify:chat?apiKey=x&baseUrl=api.dify.ai/v1"))
                .hasStackTraceContaining("baseUrl is 'api.dify.ai/v1'");
        assertThatThrownBy(() -> context.getEndpoint("dify:chat?apiKey=x&maxRetries=-1"))
                .hasStackTraceContaining("maxRetries is -1");
    }

    @Test
    void aMistypedOperationGetsASuggestion() {
        assertThatThrownBy(() -> context.getEndpoint("dify:listDocument?apiKey=x"))
                .hasStackTraceContaining("did you mean listDocuments?");
    }

    @Test
    void aControlCharacterInTheApiKeyHeaderIsNotSent() {
        assertRejected(() -> send("direct:chat", "hi", DifyConstants.API_KEY, "app-abc\r\nX-Injected: 1"),
                "header CamelDifyApiKey", "control character");
    }

    @Test
    void workflowInputsThatAreNotAnObjectAreRefusedInsteadOfSentEmpty() {
        assertRejected(() -> send("direct:workflow", 42), "the body must be");
        assertRejected(() -> send("direct:workflow", "[1, 2]"), "the body must be");
    }

    @Test
    void a404OnABaseUrlWithoutV1SaysWhereTheApiIs() {
        Exchange notFound = send("direct:noV1", null);
        assertThat(notFound.getException()).hasMessageContaining("ends with /v1");
        assertThat(notFound.getMessage().getHeader(DifyConstants.ERROR_CATEGORY)).isEqualTo("not_found");
    }

    @Test
    void aFailedExchangeCarriesItsCategory() {
        Exchange refused = send("direct:chat", null);
        assertThat(refused.getMessage().getHeader(DifyConstants.ERROR_CATEGORY)).isEqualTo("validation");
    }

    private static void assertRejected(java.util.function.Supplier<Exchange> call, String... messageParts) {
        int before = simulator().requests().size();
        Exchange exchange = call.get();
        assertThat(exchange.getException()).isInstanceOf(IllegalArgumentException.class);
        assertThat(exchange.getException().getMessage()).contains(messageParts);
        assertThat(simulator().requests()).as("no request reaches Dify").hasSize(before);
    }
}
