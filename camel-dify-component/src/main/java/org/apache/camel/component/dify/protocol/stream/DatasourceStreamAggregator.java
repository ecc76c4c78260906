package org.apache.camel.component.dify.protocol.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.component.dify.protocol.DifyException;
import org.apache.camel.component.dify.protocol.sse.DifyEvent;

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
