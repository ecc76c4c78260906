package org.apache.camel.component.dify.protocol.event;

/** {@code human_input_required}: The run waits for a person: {@code data.formToken} opens the form (always followed by {@code workflow_paused}). */
public class HumanInputRequiredEvent extends DifyStreamEvent {

    private HumanInputRequiredData data;

    public HumanInputRequiredData getData() {
        return data;
    }
}
