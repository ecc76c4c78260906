package org.apache.camel.component.dify.protocol.sse;

import java.io.IOException;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns SSE frames into {@link DifyEvent}s (section 4.1 of the Dify wire format: the name is inside the JSON). */
public final class DifyEventParser {

    private final ObjectMapper mapper;

    public DifyEventParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public DifyEvent parse(SseFrame frame) {
        ObjectNode json = null;
        try {
            JsonNode node = mapper.readTree(frame.dataBytes());
            if (node != null && node.isObject()) {
                json = (ObjectNode) node;
            }
        } catch (IOException e) {
            // not JSON: still an event, passed on with its raw text
        }
        String name = null;
        if (json != null && json.hasNonNull("event")) {
            name = json.get("event").asText();
        }
        if (name == null || name.isEmpty()) {
            name = frame.event() != null && !frame.event().isEmpty() ? frame.event() : "message";
        }
        return new DifyEvent(name, json, frame);
    }
}
