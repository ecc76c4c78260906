package org.apache.camel.component.dify.protocol.event;

/** {@code human_input_form_filled}: A Human Input form was submitted and the run goes on. */
public class HumanInputFormFilledEvent extends DifyStreamEvent {

    private HumanInputFormFilledData data;

    public HumanInputFormFilledData getData() {
        return data;
    }
}
