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

import java.util.concurrent.CompletableFuture;

/**
 * How one operation meets a Camel exchange: what it reads to make its Dify call, and what it writes back from the
 * result. Bindings hold no state: one instance serves every exchange of every endpoint.
 *
 * @param <R> what the operation's Dify call completes with
 */
public interface DifyBinding<R> {

    /**
     * Reads and checks the exchange and starts the call. Bad input throws here, before anything is sent, with a
     * message naming the option or header to set.
     */
    CompletableFuture<R> start(ExchangeInputs in);

    /** Sets the body and the output headers from the result. */
    void complete(ExchangeInputs in, R result);
}
