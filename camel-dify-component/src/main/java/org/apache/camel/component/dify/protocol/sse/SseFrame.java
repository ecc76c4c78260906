package org.apache.camel.component.dify.protocol.sse;

/**
 * One dispatched Server-Sent Events frame: the fields of a block of lines ended by a blank line.
 *
 * @param event the {@code event:} field, or {@code null} when the frame had none (Dify puts the event name inside
 *              the JSON of {@code data})
 * @param data  the {@code data:} lines joined with {@code \n}; never empty (frames without data are not dispatched)
 * @param id    the {@code id:} field, or {@code null}
 */
public record SseFrame(String event, String data, String id) {
}
