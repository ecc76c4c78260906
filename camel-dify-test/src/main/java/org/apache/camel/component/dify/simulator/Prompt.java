package org.apache.camel.component.dify.simulator;

import java.util.Map;

/**
 * What a simulated app is asked, given to its answer function.
 *
 * @param query          the query ({@code ""} for workflow runs)
 * @param inputs         the input variables
 * @param user           the end-user id
 * @param conversationId the conversation (chat apps), or {@code null}
 * @param turn           1 for a new conversation, then 2, 3, ...
 */
public record Prompt(String query, Map<String, Object> inputs, String user, String conversationId, int turn) {
}
