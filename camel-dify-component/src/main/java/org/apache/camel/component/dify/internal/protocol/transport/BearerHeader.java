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

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * The {@code Authorization} header, which writes the real token on the wire but prints as {@code Bearer ******}:
 * HttpClient's own DEBUG header log renders headers with {@code toString()}, so the key stays out of it.
 */
final class BearerHeader implements Header {

    private final String value;

    BearerHeader(String apiKey) {
        this.value = "Bearer " + apiKey;
    }

    @Override
    public boolean isSensitive() {
        return true;
    }

    @Override
    public String getName() {
        return HttpHeaders.AUTHORIZATION;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String toString() {
        return HttpHeaders.AUTHORIZATION + ": Bearer ******";
    }
}
