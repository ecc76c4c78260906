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
package org.apache.camel.component.dify.internal.protocol.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * Aggregates a knowledge pipeline datasource node run ({@code runDatasourceNode}) into what the node read: the
 * {@code data} of {@code datasource_completed}, as plain Maps and Lists. Terminal: {@code datasource_completed}, or
 * {@code datasource_error}, which fails with the code {@code datasource_error} and the node's error text.
 */
public final class DatasourceStreamAggregator extends StreamAggregator<Object> {

    private boolean completed;
    private Object data;

    public DatasourceStreamAggregator(String operation, ObjectMapper mapper) {
        super(operation, mapper);
    }

    @Override
    protected void onOtherEvent(DifyEvent event) {
        if ("datasource_completed".equals(event.name())) {
            completed = true;
            // not data(): a datasource's data may be a list as well as an object
            JsonNode node = event.json() == null ? null : event.json().get("data");
            data = node == null || node.isNull() ? null : mapper.convertValue(node, Object.class);
        } else if ("datasource_error".equals(event.name())) {
            String error = event.text("error");
            throw new DifyException(operation, 200, DifyException.DATASOURCE_ERROR,
                    error == null ? "the datasource node failed" : error, progress(), null);
        }
    }

    @Override
    protected boolean terminated() {
        return completed;
    }

    @Override
    protected Object result() {
        return data;
    }
}
