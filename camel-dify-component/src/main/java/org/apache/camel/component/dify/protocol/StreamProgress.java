package org.apache.camel.component.dify.protocol;

/**
 * What a Dify stream had delivered at a point in time: the answer text so far and the ids needed to stop, continue
 * or resume the run.
 */
public record StreamProgress(int eventCount, String answer, String taskId, String conversationId, String messageId,
        String workflowRunId) {

    public static final StreamProgress NONE = new StreamProgress(0, "", null, null, null, null);
}
