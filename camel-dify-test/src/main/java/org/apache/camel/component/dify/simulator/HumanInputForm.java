package org.apache.camel.component.dify.simulator;

import java.time.Duration;
import java.util.List;

/**
 * A Human Input node in a simulated Workflow or Chatflow app: the run pauses there with {@code human_input_required}
 * and {@code workflow_paused} until the form is submitted ({@code POST /form/human_input/{form_token}}) or expires.
 *
 * @param title         the node title
 * @param content       the form's markdown, e.g. "Approve the summary?"
 * @param inputNames    the paragraph inputs it asks for (their output variable names)
 * @param actions       the action button ids, e.g. approve, reject
 * @param expiresAfter  how long the form waits before {@code human_input_form_timeout}
 */
public record HumanInputForm(String title, String content, List<String> inputNames, List<String> actions,
        Duration expiresAfter) {

    /** A review form with one paragraph input {@code comment} and the actions approve and reject. */
    public static HumanInputForm review(String content) {
        return new HumanInputForm("Review", content, List.of("comment"), List.of("approve", "reject"),
                Duration.ofMinutes(10));
    }
}
