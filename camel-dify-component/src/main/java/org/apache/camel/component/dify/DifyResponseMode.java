package org.apache.camel.component.dify;

/** How Dify answers a generation request ({@code response_mode}). */
public enum DifyResponseMode {
    /** Server-Sent Events, read by the producer as they arrive. */
    streaming,
    /** One JSON body when the generation is done. */
    blocking
}
