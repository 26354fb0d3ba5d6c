package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One task in the vedit extension {@code GET /openapi/v2/tasks} (the contract has no listing).
 *
 * @param taskId       19-digit task id
 * @param endpoint     the model endpoint it was submitted to
 * @param status       QUEUED, RUNNING, SUCCESS or FAILED
 * @param errorCode    {@code ""} unless failed
 * @param errorMessage {@code ""} unless failed
 * @param progress     percent done while running, 100 on success; {@code null} otherwise
 * @param prompt       the edit instruction as submitted
 * @param createdAt    submit time, epoch milliseconds
 * @param finishedAt   end time, epoch milliseconds; {@code null} until it ends
 */
@JsonPropertyOrder({"taskId", "endpoint", "status", "errorCode", "errorMessage", "progress", "prompt", "createdAt", "finishedAt"})
public record TaskSummary(
        String taskId,
        String endpoint,
        String status,
        String errorCode,
        String errorMessage,
        @JsonInclude(JsonInclude.Include.ALWAYS) Integer progress,
        String prompt,
        long createdAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long finishedAt) {
}
