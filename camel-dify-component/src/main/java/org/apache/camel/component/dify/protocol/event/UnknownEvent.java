package org.apache.camel.component.dify.protocol.event;

/**
 * An event whose name this version does not know (or a frame that is not a JSON object): its fields are in
 * {@link #getAdditionalProperties()} and its text in {@link #getRawJson()}. Newer Dify versions add events; they
 * pass through rather than being dropped.
 */
public class UnknownEvent extends DifyStreamEvent {
}
