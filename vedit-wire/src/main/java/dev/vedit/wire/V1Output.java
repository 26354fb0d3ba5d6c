package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An item of {@code /task/openapi/outputs} data for a finished task. */
@JsonPropertyOrder({"fileUrl", "fileType", "taskCostTime", "nodeId"})
public record V1Output(String fileUrl, String fileType, String taskCostTime, String nodeId) {
}
