package org.apache.camel.component.dify.protocol.transport;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * The {@code Authorization} header, which writes the real token on the wire but prints as {@code Bearer ******}:
 * HttpClient's own DEBUG header log renders headers with {@code toString()}, so the key stays out of it.
 */
final class BearerHeader implements Header {

    private final String value;

    BearerHeader(String apiKey) {
        this.value = "Bearer " + apiKey;
    }

    @Override
    public boolean isSensitive() {
        return true;
    }

    @Override
    public String getName() {
        return HttpHeaders.AUTHORIZATION;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String toString() {
        return HttpHeaders.AUTHORIZATION + ": Bearer ******";
    }
}
