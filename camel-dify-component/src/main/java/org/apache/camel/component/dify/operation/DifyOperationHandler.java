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

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyEndpoint;

/**
 * One operation of the component: how an exchange becomes a Dify call and how the result comes back into it.
 *
 * @param <R> the typed Dify response
 */
public interface DifyOperationHandler<R> {

    /**
     * Reads and checks the exchange and starts the call. Bad input throws here, before anything is sent, with a
     * message naming the option or header to set.
     */
    CompletableFuture<R> start(DifyEndpoint endpoint, Exchange exchange);

    /** Sets the body and the output headers from the result. */
    void complete(DifyEndpoint endpoint, Exchange exchange, R result);

    /**
     * The Dify endpoints this operation calls, as {@code METHOD /path/{parameter}} in the form of Dify's OpenAPI spec
     * (e.g. {@code POST /chat-messages}); the spec coverage test and the reference docs read them.
     */
    List<String> endpoints();
}
