package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} of {@code /task/openapi/getWebhookDetail}: one task's TASK_END delivery.
 *
 * @param id               the delivery's id: {@code webhookId} for retryWebhook (the {@code webhook-id} header is
 *                         {@code msg_<id>})
 * @param userApiKey       always {@code "****"}: keys are never echoed
 * @param taskId           the task
 * @param webhookUrl       where it is (being) sent
 * @param eventData        the query object the body carries, as a JSON string; {@code ""} before the first attempt
 * @param callbackStatus   PENDING, SENDING, SUCCESS, FAILED or GONE
 * @param callbackResponse {@code "HTTP <status>: <first KB of the answer>"}, or why the last attempt failed; {@code ""} before any
 * @param retryCount       attempts made after the first one (0 before and after the first attempt)
 * @param createTime       when the delivery was created (the task ended), ISO-8601 UTC
 * @param updateTime       the last change, ISO-8601 UTC
 * @param nextAttemptTime  vedit extension: when the next attempt is due while PENDING, else {@code null}
 */
@JsonPropertyOrder({"id", "userApiKey", "taskId", "webhookUrl", "eventData", "callbackStatus", "callbackResponse", "retryCount",
        "createTime", "updateTime", "nextAttemptTime"})
public record WebhookDetail(
        String id,
        String userApiKey,
        String taskId,
        String webhookUrl,
        String eventData,
        String callbackStatus,
        String callbackResponse,
        int retryCount,
        String createTime,
        String updateTime,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextAttemptTime) {
}
