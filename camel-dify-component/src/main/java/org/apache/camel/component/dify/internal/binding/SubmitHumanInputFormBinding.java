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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.component.dify.internal.protocol.api.Cursor;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;

/**
 * {@code submitHumanInputForm}: answers the form of a run paused at a Human Input node ({@code POST
 * /form/human_input/{form_token}}); the run resumes. The token comes from the header CamelDifyFormToken (the
 * {@code human_input_required} event's {@code data.form_token}) or the option formToken.
 * <p>
 * Body in: a Map with {@code action} (the chosen action id) and {@code inputs} (values by output variable name),
 * checked before anything is sent. Body out: Dify's answer.
 */
final class SubmitHumanInputFormBinding implements DifyBinding<Object> {

    /** The one instance: a binding holds no state. */
    public static final SubmitHumanInputFormBinding INSTANCE = new SubmitHumanInputFormBinding();

    private SubmitHumanInputFormBinding() {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        Map<String, Object> body = in.mapBody();
        if (body == null || !(body.get("action") instanceof String) || !(body.get("inputs") instanceof Map)) {
            throw in.invalid("the body must be a Map with action (the action id the person chose) and inputs"
                    + " (a Map of the form's values)");
        }
        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("inputs", body.get("inputs"));
        submission.put("action", body.get("action"));
        DifyCall call = in.call(DifyApi.submitHumanInputForm)
                .path("form_token", in.requiredParameter("form_token"))
                .user(in.user())
                .json(submission);
        return in.client().send(call);
    }

    @Override
    public void complete(ExchangeInputs in, Object result) {
        ResultHeaders.answer(in.exchange(), result, Cursor.NONE);
    }
}
