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
package org.apache.camel.component.dify.operation;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.protocol.model.MessageResult;
import org.apache.camel.component.dify.protocol.model.Usage;
import org.apache.camel.component.dify.protocol.stream.DifyEventIterator;

/** Puts a chat or completion result into the message: the answer as body, ids and usage as headers. */
final class MessageResults {

    private MessageResults() {
    }

    /** A message result, or the event iterator of {@code streamMode=events}. */
    static void applyAny(Exchange exchange, Object result, boolean fullResponse) {
        if (result instanceof DifyEventIterator events) {
            EventDelivery.deliver(exchange, events);
        } else {
            apply(exchange.getMessage(), (MessageResult) result, fullResponse);
        }
    }

    static void apply(Message message, MessageResult result, boolean fullResponse) {
        message.setBody(fullResponse ? result : result.answer());
        setIfPresent(message, DifyConstants.CONVERSATION_ID, result.conversationId());
        setIfPresent(message, DifyConstants.MESSAGE_ID,
                result.messageId() != null ? result.messageId() : result.id());
        setIfPresent(message, DifyConstants.TASK_ID, result.taskId());
        setIfPresent(message, DifyConstants.WORKFLOW_RUN_ID, result.workflowRunId());
        setIfPresent(message, DifyConstants.WORKFLOW_STATUS, result.workflowStatus());
        Usage usage = result.usage();
        if (usage != null) {
            setIfPresent(message, DifyConstants.PROMPT_TOKENS, usage.promptTokens());
            setIfPresent(message, DifyConstants.COMPLETION_TOKENS, usage.completionTokens());
            setIfPresent(message, DifyConstants.TOTAL_TOKENS,
                    usage.totalTokens() == null ? null : usage.totalTokens().longValue());
            setIfPresent(message, DifyConstants.TOTAL_PRICE, usage.totalPrice());
            setIfPresent(message, DifyConstants.CURRENCY, usage.currency());
            setIfPresent(message, DifyConstants.LATENCY, usage.latency());
        }
    }

    static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
