package org.apache.camel.component.dify.simulator;

/**
 * A request the simulator received and the response it gave, for conformance checks.
 *
 * @param request     the request
 * @param status      the response status (0 when the connection was dropped before one was sent)
 * @param contentType the response content type, or {@code null}
 * @param body        the response body for JSON responses (streams are not kept), else an empty array
 * @param scripted    whether a scripted {@link Fault} shaped the response (it then need not follow the spec)
 */
public record RecordedInteraction(RecordedRequest request, int status, String contentType, byte[] body,
        boolean scripted) {
}
