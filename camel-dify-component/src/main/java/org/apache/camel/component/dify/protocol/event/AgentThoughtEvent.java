package org.apache.camel.component.dify.protocol.event;

import java.util.List;
import java.util.Map;

/** {@code agent_thought}: An Agent's reasoning step; sent again with the same id as the thought progresses. */
public class AgentThoughtEvent extends DifyStreamEvent {

    private String id;

    private Integer position;

    private String thought;

    private String observation;

    private String tool;

    private Map<String, Object> toolLabels;

    private String toolInput;

    private List<String> messageFiles;

    public String getId() {
        return id;
    }

    public Integer getPosition() {
        return position;
    }

    public String getThought() {
        return thought;
    }

    public String getObservation() {
        return observation;
    }

    public String getTool() {
        return tool;
    }

    public Map<String, Object> getToolLabels() {
        return toolLabels;
    }

    public String getToolInput() {
        return toolInput;
    }

    public List<String> getMessageFiles() {
        return messageFiles;
    }
}
