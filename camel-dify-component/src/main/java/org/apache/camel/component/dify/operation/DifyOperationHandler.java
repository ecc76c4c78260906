package org.apache.camel.component.dify.operation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.Exchange;
import org.apache.camel.component.dify.DifyEndpoint;

/**
 * One operation of the component: how an exchange becomes a Dify call and how the result comes back into it.
 *
 * @param <R> the typed Dify response
 */
public interface DifyOperationHandler<R> {

    /**
     * Reads and checks the exchange and starts the call. Bad input throws here, before anything is sent, with a
     * message naming the option or header to set.
     */
    CompletableFuture<R> start(DifyEndpoint endpoint, Exchange exchange);

    /** Sets the body and the output headers from the result. */
    void complete(DifyEndpoint endpoint, Exchange exchange, R result);

    /**
     * The Dify endpoints this operation calls, as {@code METHOD /path/{parameter}} in the form of Dify's OpenAPI spec
     * (e.g. {@code POST /chat-messages}); the spec coverage test and the reference docs read them.
     */
    List<String> endpoints();
}
