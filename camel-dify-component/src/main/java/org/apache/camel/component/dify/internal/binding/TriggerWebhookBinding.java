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

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Message;
import org.apache.camel.component.dify.DifyConfiguration;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.internal.protocol.trigger.WebhookRuns;

/**
 * {@code triggerWebhook}: starts a workflow through its webhook trigger (Dify 1.10+): {@code POST} of the payload to
 * the trigger's URL (option webhookUrl, header CamelDifyWebhookUrl), with no key. Body in: the payload (a Map, or JSON
 * object text). Body out: the webhook's answer (the response configured on the webhook node). With
 * {@code findTriggeredRun}, the run it started is then looked up in the workflow logs (the option apiKey is the
 * Workflow app's key) and named in CamelDifyWorkflowRunId, to read it with getWorkflowRun (Dify does not let
 * workflowEvents follow a run no end user started).
 */
final class TriggerWebhookBinding implements DifyBinding<Object> {

    /** The one instance: a binding holds no state. */
    public static final TriggerWebhookBinding INSTANCE = new TriggerWebhookBinding();

    // how often a 404 "App trigger not found" is sent again when maxRetries is not set
    static final int WEBHOOK_NOT_FOUND_RETRIES = 5;

    private TriggerWebhookBinding() {
    }

    private record Started(Object answer, String workflowRunId) {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        DifyConfiguration configuration = in.configuration();
        String url = ExchangeInputs.firstNonBlank(in.header(DifyConstants.WEBHOOK_URL), configuration.getWebhookUrl());
        if (url == null) {
            throw in.invalid("no webhook URL: set the option webhookUrl or the header " + DifyConstants.WEBHOOK_URL
                    + " (the URL Dify shows on the workflow's webhook trigger node)");
        }
        Object payload = in.message().getBody() == null ? null : in.requestFields();
        String apiKey = configuration.isFindTriggeredRun() ? in.apiKey() : null;
        long calledAt = System.currentTimeMillis() / 1000;
        // a trigger Dify does not know yet (just published) started no run: its 404 is sent again a few times
        CompletableFuture<Object> answered = WebhookRuns.callWebhook(in.services().client(), url, payload,
                configuration.getMaxRetries() == null ? WEBHOOK_NOT_FOUND_RETRIES : configuration.getMaxRetries(),
                configuration.getRetryBackoff(), configuration.getRetryMaxDelay());
        if (apiKey == null) {
            return answered;
        }
        WebhookRuns runs = new WebhookRuns(in.services().client(), in.services().webhookRunsClaimed());
        return answered.thenCompose(answer -> runs.find(apiKey, calledAt, configuration.getRequestTimeout())
                .thenApply(runId -> new Started(answer, runId)));
    }

    @Override
    public void complete(ExchangeInputs in, Object result) {
        Message message = in.message();
        if (result instanceof Started started) {
            message.setBody(started.answer());
            message.setHeader(DifyConstants.WORKFLOW_RUN_ID, started.workflowRunId());
        } else {
            message.setBody(result instanceof Map<?, ?> || result == null ? result : result.toString());
        }
    }
}
