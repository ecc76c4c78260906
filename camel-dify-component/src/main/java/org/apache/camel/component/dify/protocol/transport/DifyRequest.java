package org.apache.camel.component.dify.protocol.transport;

/**
 * One HTTP call to Dify.
 *
 * @param operation the component operation, for errors and logs
 * @param keyType   which key type the endpoint takes, for the hint on a 401
 * @param method    HTTP method
 * @param path      path below the base URL, already encoded, starting with {@code /}
 * @param apiKey    the bearer token; never logged
 * @param body      what to send
 */
public record DifyRequest(String operation, DifyErrors.KeyType keyType, String method, String path, String apiKey,
        RequestBody body) {

    @Override
    public String toString() {
        return method + " " + path + " (" + operation + ")";
    }
}
