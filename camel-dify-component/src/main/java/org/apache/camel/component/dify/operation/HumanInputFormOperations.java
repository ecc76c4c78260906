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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.DifyEndpoint;

/**
 * The Human Input form of a paused run: {@code getHumanInputForm} ({@code GET /form/human_input/{form_token}}) and
 * {@code submitHumanInputForm} ({@code POST}, then the run resumes; follow it with {@code workflowEvents}). The token
 * comes from the header {@code CamelDifyFormToken} or the option {@code formToken}.
 */
public final class HumanInputFormOperations {

    private HumanInputFormOperations() {
    }

    private static String formToken(ExchangeInputs in) {
        String token = ExchangeInputs.firstNonBlank(in.header(DifyConstants.FORM_TOKEN),
                in.configuration().getFormToken());
        if (token == null) {
            throw in.invalid("no form token: set the header " + DifyConstants.FORM_TOKEN
                    + " (from the human_input_required event's data.form_token) or the option formToken");
        }
        return token;
    }

    /** Body out: the form as Dify describes it ({@code form_content}, {@code inputs}, {@code user_actions}, ...). */
    public static final class Get implements DifyOperationHandler<Map<String, Object>> {

        @Override
        public List<String> endpoints() {
            return List.of("GET /form/human_input/{form_token}");
        }

        @Override
        public CompletableFuture<Map<String, Object>> start(DifyEndpoint endpoint, Exchange exchange) {
            ExchangeInputs in = new ExchangeInputs("getHumanInputForm", endpoint, exchange);
            return endpoint.getClient().getHumanInputForm(in.apiKey(), formToken(in));
        }

        @Override
        public void complete(DifyEndpoint endpoint, Exchange exchange, Map<String, Object> result) {
            exchange.getMessage().setBody(result);
        }
    }

    /**
     * Body in: a Map with {@code action} (the chosen action id) and {@code inputs} (values by output variable name).
     * Body out: Dify's empty answer.
     */
    public static final class Submit implements DifyOperationHandler<Map<String, Object>> {

        @Override
        public List<String> endpoints() {
            return List.of("POST /form/human_input/{form_token}");
        }

        @Override
        public CompletableFuture<Map<String, Object>> start(DifyEndpoint endpoint, Exchange exchange) {
            ExchangeInputs in = new ExchangeInputs("submitHumanInputForm", endpoint, exchange);
            Map<String, Object> body = in.mapBody();
            if (body == null || !(body.get("action") instanceof String) || !(body.get("inputs") instanceof Map)) {
                throw in.invalid("the body must be a Map with action (the action id the person chose) and inputs"
                        + " (a Map of the form's values)");
            }
            Map<String, Object> submission = new LinkedHashMap<>();
            submission.put("inputs", body.get("inputs"));
            submission.put("action", body.get("action"));
            submission.put("user", in.user());
            return endpoint.getClient().submitHumanInputForm(in.apiKey(), formToken(in), submission);
        }

        @Override
        public void complete(DifyEndpoint endpoint, Exchange exchange, Map<String, Object> result) {
            exchange.getMessage().setBody(result);
        }
    }
}
