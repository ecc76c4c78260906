package org.apache.camel.component.dify;

import org.apache.camel.component.dify.protocol.DifyClient;

/** Which kind of Dify task {@code stop} stops; it decides the stop endpoint. */
public enum DifyTaskType {
    /** Chatbot, Agent and Chatflow apps: {@code POST /chat-messages/{task_id}/stop}. */
    chat(DifyClient.TaskType.chat),
    /** Text Generator apps: {@code POST /completion-messages/{task_id}/stop}. */
    completion(DifyClient.TaskType.completion),
    /** Workflow apps: {@code POST /workflows/tasks/{task_id}/stop}. */
    workflow(DifyClient.TaskType.workflow);

    private final DifyClient.TaskType protocolType;

    DifyTaskType(DifyClient.TaskType protocolType) {
        this.protocolType = protocolType;
    }

    /** The protocol layer's name for it. */
    public DifyClient.TaskType protocolType() {
        return protocolType;
    }
}
