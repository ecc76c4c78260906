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
package org.apache.camel.component.dify.internal.binding;

import java.io.Closeable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.DifyErrorCategory;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.api.PageIterator;
import org.apache.camel.component.dify.api.StreamProgress;
import org.apache.camel.component.dify.api.Usage;
import org.apache.camel.component.dify.api.WorkflowRunData;
import org.apache.camel.component.dify.api.WorkflowRunResult;
import org.apache.camel.component.dify.api.event.DifyStreamEvent;
import org.apache.camel.component.dify.internal.protocol.api.Cursor;
import org.apache.camel.component.dify.internal.protocol.stream.EventBatches;
import org.apache.camel.component.dify.internal.protocol.stream.ReasoningSeparatedEvents;
import org.apache.camel.component.dify.internal.protocol.stream.StreamedEvents;
import org.apache.camel.component.dify.internal.protocol.stream.ThinkSplitter;
import org.apache.camel.component.dify.internal.protocol.transport.CallTrace;
import org.apache.camel.component.dify.internal.protocol.transport.StreamedBody;

/**
 * The one place that writes Dify results into a Camel message: the body and the output headers (ids, usage, status,
 * paging) of every kind of answer. Headers are only set from fields Dify sent; a missing field leaves its header as
 * it was.
 */
public final class ResultHeaders {

    private ResultHeaders() {
    }

    /**
     * The result of a streamed call: the event iterator of {@code streamMode=events} (in lists of up to
     * {@code batchSize} with {@code streamMode=batches}, 0 otherwise), a chat or completion answer, a workflow run,
     * or (for a datasource node) what it read, as the body.
     */
    static void streamed(Exchange exchange, Object result, boolean fullResponse, boolean separateReasoning,
            int batchSize) {
        if (result instanceof StreamedEvents events) {
            ReasoningSeparatedEvents separated = separateReasoning && events.isMessageStream()
                    ? new ReasoningSeparatedEvents(events, ExchangeInputs.MAPPER)
                    : null;
            Closeable body = separated != null ? separated : events;
            if (batchSize > 0) {
                body = new EventBatches(events, separated, batchSize);
            }
            ExchangeResources.deliver(exchange, events, body);
        } else if (result instanceof MessageResult answer) {
            message(exchange, answer, fullResponse);
            if (separateReasoning) {
                separateReasoning(exchange.getMessage(), answer, fullResponse);
            }
        } else if (result instanceof WorkflowRunResult run) {
            run(exchange, run, fullResponse);
        } else {
            exchange.getMessage().setBody(result);
        }
    }

    private static void message(Exchange exchange, MessageResult answer, boolean fullResponse) {
        Message message = exchange.getMessage();
        message.setBody(fullResponse ? answer : answer.answer());
        setIfPresent(message, DifyConstants.CONVERSATION_ID, answer.conversationId());
        setIfPresent(message, DifyConstants.MESSAGE_ID, answer.messageId() != null ? answer.messageId() : answer.id());
        setIfPresent(message, DifyConstants.TASK_ID, answer.taskId());
        setIfPresent(message, DifyConstants.WORKFLOW_RUN_ID, answer.workflowRunId());
        setIfPresent(message, DifyConstants.WORKFLOW_STATUS, answer.workflowStatus());
        Usage usage = answer.usage();
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

    private static void separateReasoning(Message message, MessageResult answer, boolean fullResponse) {
        ThinkSplitter.Split split = ThinkSplitter.splitAll(answer.answer() == null ? "" : answer.answer());
        if (!fullResponse) {
            message.setBody(split.answer());
        }
        StringBuilder reasoning = new StringBuilder(split.reasoning().strip());
        Object separated = answer.metadata() == null ? null
                : answer.metadata().additionalProperties().get("reasoning");
        if (separated instanceof Map<?, ?> byNode) {
            byNode.values().forEach(text -> {
                if (text != null && !text.toString().isBlank()) {
                    reasoning.append(reasoning.isEmpty() ? "" : "\n\n").append(text.toString().strip());
                }
            });
        }
        if (!reasoning.isEmpty()) {
            message.setHeader(DifyConstants.REASONING, reasoning.toString());
        }
    }

    // the body is the run's outputs, or the whole result with fullResponse
    private static void run(Exchange exchange, WorkflowRunResult run, boolean fullResponse) {
        Message message = exchange.getMessage();
        WorkflowRunData data = run.data();
        if (fullResponse) {
            message.setBody(run);
        } else {
            message.setBody(data == null || data.outputs() == null ? Map.of() : data.outputs());
        }
        setIfPresent(message, DifyConstants.TASK_ID, run.taskId());
        setIfPresent(message, DifyConstants.WORKFLOW_RUN_ID, run.workflowRunId());
        if (data != null) {
            setIfPresent(message, DifyConstants.WORKFLOW_STATUS, data.status());
            setIfPresent(message, DifyConstants.TOTAL_TOKENS, data.totalTokens());
            setIfPresent(message, DifyConstants.LATENCY, data.elapsedTime());
        }
    }

    /**
     * The answer of an endpoint that answers once: JSON as Dify sent it (with CamelDifyHasMore / CamelDifyNextCursor
     * for one page of a list), a binary body with its Content-Type, or all pages of a list.
     */
    static void answer(Exchange exchange, Object result, Cursor cursor) {
        Message message = exchange.getMessage();
        message.setBody(result);
        if (result instanceof PageIterator pages) {
            ExchangeResources.closeWhenDone(exchange, pages);
        } else if (result instanceof BinaryAnswers.Cached cached) {
            message.setBody(cached.body());
            setIfPresent(message, Exchange.CONTENT_TYPE, cached.contentType());
        } else if (result instanceof StreamedBody stream) {
            setIfPresent(message, Exchange.CONTENT_TYPE, stream.getContentType());
            ExchangeResources.closeWhenDone(exchange, stream);
        } else if (cursor != Cursor.NONE && result instanceof Map<?, ?> page) {
            setIfPresent(message, DifyConstants.HAS_MORE, page.get("has_more"));
            setIfPresent(message, DifyConstants.NEXT_CURSOR, cursor.next(page));
        }
    }

    /**
     * The server version and trace id of the exchange's calls, as headers, and on {@code failure} when it is a
     * {@link DifyException}; nothing when no call was made.
     */
    public static void server(Exchange exchange, CallTrace trace, Throwable failure) {
        if (trace == null) {
            return;
        }
        String version = trace.serverVersion();
        String traceId = trace.traceId();
        setIfPresent(exchange.getMessage(), DifyConstants.SERVER_VERSION, version);
        setIfPresent(exchange.getMessage(), DifyConstants.TRACE_ID, traceId);
        setIfPresent(exchange.getMessage(), DifyConstants.QUERY_RUN_ID, trace.queryRunId());
        if (failure instanceof DifyException dify) {
            dify.withServerFacts(version, traceId);
        }
    }

    /**
     * A failed call: its exception on the exchange, with the category (CamelDifyErrorCategory) and the server's
     * Retry-After (CamelDifyRetryAfter) for routes that act on them. Bad input refused before sending is
     * {@code validation}.
     */
    public static void failure(Exchange exchange, Throwable error) {
        exchange.setException(error);
        Message message = exchange.getMessage();
        DifyErrorCategory category = DifyErrorCategory.of(error);
        if (category == null) {
            return;
        }
        message.setHeader(DifyConstants.ERROR_CATEGORY, category.value());
        exchange.setProperty(DifyConstants.AI_ERROR_CATEGORY, category.aiCategory());
        if (error instanceof DifyException dify && dify.getRetryAfterMillis() >= 0) {
            message.setHeader(DifyConstants.RETRY_AFTER, dify.getRetryAfterMillis());
            exchange.setProperty(DifyConstants.AI_RETRY_AFTER_MILLIS, dify.getRetryAfterMillis());
        }
    }

    /** A detached run: the ids Dify named before the exchange went on, as the body (a Map) and headers. */
    static void detached(Exchange exchange, StreamProgress ids) {
        Message message = exchange.getMessage();
        Map<String, Object> body = new LinkedHashMap<>();
        putIfPresent(body, "task_id", ids.taskId());
        putIfPresent(body, "workflow_run_id", ids.workflowRunId());
        putIfPresent(body, "conversation_id", ids.conversationId());
        putIfPresent(body, "message_id", ids.messageId());
        message.setBody(body);
        setIfPresent(message, DifyConstants.TASK_ID, ids.taskId());
        setIfPresent(message, DifyConstants.WORKFLOW_RUN_ID, ids.workflowRunId());
        setIfPresent(message, DifyConstants.CONVERSATION_ID, ids.conversationId());
        setIfPresent(message, DifyConstants.MESSAGE_ID, ids.messageId());
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** One event of a stream, as a consumer delivers it: the typed event, its name, index and ids. */
    public static void event(Exchange exchange, DifyStreamEvent event, long index, String correlationId) {
        Message message = exchange.getMessage();
        message.setBody(event);
        message.setHeader(DifyConstants.EVENT, event.getEvent());
        message.setHeader(DifyConstants.EVENT_INDEX, index);
        setIfPresent(message, DifyConstants.TASK_ID, event.getTaskId());
        setIfPresent(message, DifyConstants.CONVERSATION_ID, event.getConversationId());
        setIfPresent(message, DifyConstants.MESSAGE_ID, event.getMessageId());
        setIfPresent(message, DifyConstants.WORKFLOW_RUN_ID, event.getWorkflowRunId());
        setIfPresent(message, DifyConstants.CORRELATION_ID, correlationId);
    }

    static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        }
    }
}
