package org.apache.camel.component.dify.simulator;

/** Sample knowledge for demos of the simulator. */
public final class DemoContent {

    /** A short handbook, one topic per paragraph. */
    public static final String HANDBOOK = """
            Camel routes connect systems: a route reads from an endpoint, transforms the message and sends it on.

            Dify is an open-source platform for LLM apps: chatbots, agents, chatflows, text generators and workflows.

            The dify component streams answers by default, which works with agent apps and survives gateway timeouts.

            Knowledge bases in Dify hold documents split into chunks; retrieval returns the chunks closest to a query.

            Support hours are Monday to Friday, 9:00 to 17:00 CET; urgent incidents are handled around the clock.
            """;

    private DemoContent() {
    }
}
