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

import org.apache.camel.component.dify.DifyConstants;
import org.apache.camel.component.dify.api.CompletionRequest;
import org.apache.camel.component.dify.api.MessageResult;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;

/**
 * {@code completion}: runs a Text Generator app ({@code POST /completion-messages}).
 * <p>
 * Body in: a Map of input variables (or a {@link CompletionRequest}); a String body is sent as the legacy
 * {@code query}. Body out: the generated text (or the {@link MessageResult} with {@code fullResponse}).
 */
final class CompletionBinding extends StreamedBinding {

    /** The one instance: a binding holds no state. */
    public static final CompletionBinding INSTANCE = new CompletionBinding();

    private CompletionBinding() {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        Object body = in.message().getBody();
        CompletionRequest typed = body instanceof CompletionRequest request ? request : null;
        Map<String, Object> inputsFromBody = typed != null ? typed.inputs() : in.mapBody();
        String query = ExchangeInputs.firstNonBlank(in.header(DifyConstants.QUERY),
                typed != null ? typed.query() : in.textBody());
        CompletionRequest request = new CompletionRequest(
                in.inputs(inputsFromBody),
                query,
                in.responseMode(typed == null ? null : typed.responseMode()),
                in.user(typed == null ? null : typed.user()),
                in.files(typed == null ? null : typed.files()));
        return in.stream(in.call(DifyApi.completion).user(request.user()).json(request), request.responseMode());
    }
}
