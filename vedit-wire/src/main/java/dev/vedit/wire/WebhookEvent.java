package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The body POSTed to a task's {@code webhookUrl} when it ends; {@code eventData} equals the query reply. */
@JsonPropertyOrder({"event", "taskId", "eventData"})
public record WebhookEvent(String event, String taskId, QueryReply eventData) {
    public static final String TASK_END = "TASK_END";
}
