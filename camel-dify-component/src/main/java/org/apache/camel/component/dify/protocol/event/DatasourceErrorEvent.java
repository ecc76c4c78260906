package org.apache.camel.component.dify.protocol.event;

/** {@code datasource_error}: the datasource node failed with {@code error}. Ends the stream. */
public class DatasourceErrorEvent extends DifyStreamEvent {

    private String error;

    public String getError() {
        return error;
    }
}
