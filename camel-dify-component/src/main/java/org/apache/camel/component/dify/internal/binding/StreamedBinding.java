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

import org.apache.camel.component.dify.DifyDelivery;
import org.apache.camel.component.dify.api.StreamProgress;

/**
 * A binding whose call answers with events: the result is written by {@link ResultHeaders#streamed} (the events with
 * {@code streamMode=events}, else the folded answer or run with its headers), or, for a detached run, by
 * {@link ResultHeaders#detached} (the ids Dify named).
 */
abstract class StreamedBinding implements DifyBinding<Object> {

    @Override
    public final void complete(ExchangeInputs in, Object result) {
        if (result instanceof StreamProgress detached) {
            ResultHeaders.detached(in.exchange(), detached);
        } else {
            ResultHeaders.streamed(in.exchange(), result, in.configuration().isFullResponse(),
                    in.configuration().isSeparateReasoning(),
                    in.delivery() == DifyDelivery.batches
                            ? in.configuration().getEventBufferSize()
                            : 0);
        }
    }
}
