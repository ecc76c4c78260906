package org.apache.camel.component.dify.protocol.event;

/**
 * {@code datasource_completed}: the datasource node finished; {@code data} is what it read (its shape depends on the
 * datasource plugin), {@code time_consuming} the seconds it took. Ends the stream.
 */
public class DatasourceCompletedEvent extends DifyStreamEvent {

    private Object data;

    private Double timeConsuming;

    public Object getData() {
        return data;
    }

    public Double getTimeConsuming() {
        return timeConsuming;
    }
}
