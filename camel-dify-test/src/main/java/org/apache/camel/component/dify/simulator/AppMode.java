package org.apache.camel.component.dify.simulator;

/** The Dify app modes the simulator plays, with the mode string Dify reports. */
public enum AppMode {
    /** Chatbot. */
    CHAT("chat"),
    /** Agent (rejects blocking requests). */
    AGENT_CHAT("agent-chat"),
    /** Chatflow: a chat app whose answer is produced by a workflow graph. */
    ADVANCED_CHAT("advanced-chat"),
    /** Text Generator. */
    COMPLETION("completion"),
    /** Workflow. */
    WORKFLOW("workflow");

    private final String wireName;

    AppMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    boolean isChatFamily() {
        return this == CHAT || this == AGENT_CHAT || this == ADVANCED_CHAT;
    }

    boolean runsWorkflow() {
        return this == ADVANCED_CHAT || this == WORKFLOW;
    }
}
