package org.apache.camel.component.dify.protocol.event;

/**
 * {@code datasource_processing}: progress of a knowledge pipeline datasource node run (runDatasourceNode):
 * {@code completed} of {@code total} items read so far.
 */
public class DatasourceProcessingEvent extends DifyStreamEvent {

    private Integer total;

    private Integer completed;

    public Integer getTotal() {
        return total;
    }

    public Integer getCompleted() {
        return completed;
    }
}
