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
package org.apache.camel.component.dify.internal.protocol.transport;

import java.nio.charset.StandardCharsets;

import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.DifyJson;
import org.apache.camel.component.dify.internal.protocol.transport.DifyErrors.KeyType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DifyErrorsTest {

    @Test
    void readsDifysErrorEnvelope() {
        DifyException e = map(400, "application/json",
                "{\"code\": \"invalid_param\", \"message\": \"query is required\", \"status\": 400}", KeyType.APP);
        assertThat(e.getHttpStatus()).isEqualTo(400);
        assertThat(e.getCode()).isEqualTo("invalid_param");
        assertThat(e.getDifyMessage()).isEqualTo("query is required");
        assertThat(e.getMessage()).isEqualTo("Dify chat failed: HTTP 400 invalid_param: query is required");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void describesAProxysHtmlErrorPage() {
        DifyException e = map(502, "text/html",
                "<html><head><title>502 Bad Gateway</title><style>b{}</style></head><body><h1>502 Bad Gateway</h1>"
                        + "</body></html>",
                KeyType.APP);
        assertThat(e.getHttpStatus()).isEqualTo(502);
        assertThat(e.getCode()).isNull();
        assertThat(e.getDifyMessage()).contains("non-JSON response (text/html)")
                .contains("502 Bad Gateway")
                .doesNotContain("<")
                .doesNotContain("b{}");
        assertThat(e.isRetryable()).isTrue();
    }

    @Test
    void describesAnEmptyBody() {
        assertThat(map(503, null, "", KeyType.APP).getDifyMessage()).isEqualTo("empty response (no content type)");
    }

    @Test
    void a401SaysWhichKeyTypeTheOperationNeeds() {
        DifyException e = map(401, "application/json",
                "{\"code\": \"unauthorized\", \"message\": \"Access token is invalid\", \"status\": 401}",
                KeyType.DATASET);
        assertThat(e.getDifyMessage())
                .startsWith("Access token is invalid (operation chat needs a knowledge (dataset)");
    }

    @Test
    void theConcurrencyLimitIsRetryableAlsoWhenDifyReportsItAs400() {
        assertThat(map(429, "application/json", "{\"code\":\"too_many_requests\",\"message\":\"x\",\"status\":429}",
                KeyType.APP).isRetryable()).isTrue();
        assertThat(map(400, "application/json",
                "{\"code\":\"invalid_param\",\"message\":\"Too many requests. Please try again later.\",\"status\":400}",
                KeyType.APP).isRetryable()).isTrue();
        assertThat(map(429, "application/json", "{\"code\":\"rate_limit_error\",\"message\":\"quota\",\"status\":429}",
                KeyType.APP).isRetryable()).isFalse();
    }

    private static DifyException map(int status, String contentType, String body, KeyType keyType) {
        DifyRequest request = new DifyRequest("chat", keyType, "POST", "/chat-messages", "app-key",
                new RequestBody.None(), DifyRequest.JSON, null);
        return DifyErrors.fromResponse(DifyJson.newMapper(), request, "https://api.dify.ai/v1", status, contentType,
                body.getBytes(StandardCharsets.UTF_8), -1, null);
    }
}
