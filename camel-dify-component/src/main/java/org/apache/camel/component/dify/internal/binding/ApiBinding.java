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
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.QueryParameter;
import org.apache.camel.component.dify.internal.protocol.api.ApiSpec.UserIn;
import org.apache.camel.component.dify.internal.protocol.api.Cursor;
import org.apache.camel.component.dify.internal.protocol.api.DifyApi;
import org.apache.camel.component.dify.internal.protocol.api.DifyCall;
import org.apache.camel.component.dify.internal.protocol.transport.StreamedBody;

/**
 * The binding of every operation that maps one Dify endpoint as it is: what the endpoint's row in {@link DifyApi}
 * declares is read from the exchange. Path and query parameters by Dify's names (see {@link ExchangeInputs}), the user
 * where the endpoint reads it, the body as the request's fields (or the file, for a multipart endpoint); the answer
 * becomes the body as Dify sent it.
 */
public final class ApiBinding implements DifyBinding<Object> {

    /** The one instance: a binding holds no state. */
    public static final ApiBinding INSTANCE = new ApiBinding();

    private ApiBinding() {
    }

    @Override
    public CompletableFuture<Object> start(ExchangeInputs in) {
        return send(in, call(in));
    }

    /** The operation's call, read and checked from the exchange; nothing is sent. */
    DifyCall call(ExchangeInputs in) {
        DifyApi api = OperationTable.api(in.operation());
        ApiSpec spec = api.spec();
        DifyCall call = in.call(api);
        for (String name : spec.pathParameters()) {
            call = call.path(name, in.requiredParameter(name));
        }
        for (QueryParameter parameter : spec.query()) {
            call = call.query(parameter.name(), in.parameterValues(parameter.name()));
        }
        switch (spec.body()) {
            case JSON -> {
                Map<String, Object> fields = in.requestFields();
                Object bodyUser = spec.userIn() == UserIn.BODY ? fields.remove("user") : null;
                call = call.json(fields);
                if (spec.userIn() == UserIn.BODY) {
                    call = call.user(in.user(bodyUser == null ? null : String.valueOf(bodyUser)));
                }
            }
            case FILE_AND_SETTINGS -> call = settings(in, call).file(UploadFileBinding.source(in));
            case FILE -> call = call.file(UploadFileBinding.source(in));
            case NONE -> {
            }
        }
        if (spec.userIn() == UserIn.QUERY || spec.userIn() == UserIn.FORM) {
            call = call.user(in.user());
        }
        return call;
    }

    /** Sends a call made by {@link #call}. */
    CompletableFuture<Object> send(ExchangeInputs in, DifyCall call) {
        if (call.api().spec().cursor() != Cursor.NONE && in.configuration().isAllPages()) {
            return in.client().allPages(call, in.configuration().getAllPagesMaxItems()).thenApply(Object.class::cast);
        }
        CompletableFuture<Object> answer = in.client().send(call);
        if (in.configuration().isDisableStreamCache()) {
            return answer;
        }
        return answer.thenCompose(result -> result instanceof StreamedBody binary ? BinaryAnswers.keep(in, binary)
                : CompletableFuture.completedFuture(result));
    }

    // Dify's document-by-file endpoints read indexing_technique, process_rule, ... as JSON in the form part data
    private static DifyCall settings(ExchangeInputs in, DifyCall call) {
        Map<?, ?> settings = documentSettings(in);
        return settings == null ? call : call.formField("data", in.client().toJson(settings));
    }

    /** The header CamelDifyDocumentSettings as a Map, or {@code null} when it is not set. */
    static Map<?, ?> documentSettings(ExchangeInputs in) {
        Object settings = in.message().getHeader(DifyConstants.DOCUMENT_SETTINGS);
        if (settings == null) {
            return null;
        }
        if (settings instanceof CharSequence text) {
            // JSON text, as a YAML route or a Kamelet can set it
            settings = in.jsonObject(text.toString());
        }
        if (!(settings instanceof Map<?, ?>)) {
            throw in.invalid("the header " + DifyConstants.DOCUMENT_SETTINGS + " must be a Map (or a JSON object) of"
                    + " Dify's document settings (indexing_technique, process_rule, ...)");
        }
        return (Map<?, ?>) settings;
    }

    @Override
    public void complete(ExchangeInputs in, Object result) {
        ResultHeaders.answer(in.exchange(), result, OperationTable.api(in.operation()).spec().cursor());
    }
}
