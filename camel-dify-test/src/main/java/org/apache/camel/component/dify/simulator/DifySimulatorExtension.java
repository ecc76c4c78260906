package org.apache.camel.component.dify.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link DifySimulator} on a free loopback port for the tests of a class:
 *
 * <pre>
 * &#64;RegisterExtension
 * static DifySimulatorExtension dify = new DifySimulatorExtension();
 * </pre>
 *
 * The simulator starts before the class's {@code @BeforeAll} methods run and is available from the field at once, so
 * it can be used while the test's Camel context is created.
 */
public final class DifySimulatorExtension implements BeforeAllCallback, AfterAllCallback {

    private DifySimulator simulator;

    /** The running simulator (started on first use). */
    public synchronized DifySimulator simulator() {
        if (simulator == null) {
            simulator = DifySimulator.start();
        }
        return simulator;
    }

    /** Shortcut for {@code simulator().baseUrl()}. */
    public String baseUrl() {
        return simulator().baseUrl();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}
