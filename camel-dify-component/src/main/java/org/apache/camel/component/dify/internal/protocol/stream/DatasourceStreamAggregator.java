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

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.component.dify.api.DifyException;
import org.apache.camel.component.dify.internal.protocol.sse.DifyEvent;

/**
 * Aggregates a knowledge pipeline datasource node run ({@code runDatasourceNode}) into what the node read: the
 * {@code data} of every {@code datasource_completed}, as plain Maps and Lists, one per page. A local file source sends
 * one; online-document and online-drive sources send one per page or result, so the run ends with the stream, not at
 * an event. {@code datasource_error} fails with the code {@code datasource_error}, the node's error text and how many
 * pages came before it.
 */
public final class DatasourceStreamAggregator extends StreamAggregator<List<Object>> {

    private final List<Object> pages = new ArrayList<>();

    public DatasourceStreamAggregator(String operation, ObjectMapper mapper) {
        super(operation, mapper);
    }

    @Override
    protected void onOtherEvent(DifyEvent event) {
        if ("datasource_completed".equals(event.name())) {
            // not data(): a datasource's data may be a list as well as an object
            JsonNode node = event.json() == null ? null : event.json().get("data");
            pages.add(node == null || node.isNull() ? null : mapper.convertValue(node, Object.class));
        } else if ("datasource_error".equals(event.name())) {
            String error = event.text("error");
            throw new DifyException(operation, 200, DifyException.DATASOURCE_ERROR,
                    (error == null ? "the datasource node failed" : error)
                            + (pages.isEmpty() ? "" : " (after " + pages.size() + " pages)"),
                    progress(), null);
        }
    }

    @Override
    protected boolean terminated() {
        return false; // another page may always follow: the end of the stream ends the run
    }

    @Override
    protected boolean endsWithTheStream() {
        return true;
    }

    @Override
    protected List<Object> result() {
        if (pages.isEmpty()) {
            throw new DifyException(operation, 200, DifyException.STREAM_INCOMPLETE,
                    "the datasource run ended without datasource_completed", progress(), null);
        }
        return List.copyOf(pages);
    }
}
