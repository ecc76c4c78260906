package org.apache.camel.component.dify.protocol.event;

/** {@code human_input_form_timeout}: A Human Input form expired. */
public class HumanInputFormTimeoutEvent extends DifyStreamEvent {

    private HumanInputFormTimeoutData data;

    public HumanInputFormTimeoutData getData() {
        return data;
    }
}
