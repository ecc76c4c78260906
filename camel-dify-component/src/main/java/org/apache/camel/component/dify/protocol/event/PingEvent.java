package org.apache.camel.component.dify.protocol.event;

/** {@code ping}: A keep-alive; Dify sends it as a bare {@code event: ping} block. */
public class PingEvent extends DifyStreamEvent {
}
