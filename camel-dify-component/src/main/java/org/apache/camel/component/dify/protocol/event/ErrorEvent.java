package org.apache.camel.component.dify.protocol.event;

/** {@code error}: An error ended the stream: {@code status}, {@code code} and {@code message} (no {@code task_id}). */
public class ErrorEvent extends DifyStreamEvent {

    private Integer status;

    private String code;

    private String message;

    public Integer getStatus() {
        return status;
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }
}
