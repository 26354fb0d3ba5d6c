package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code data} of {@code GET /openapi/v2/queue/status} for the calling key. */
@JsonPropertyOrder({"apiKeyType", "concurrentLimit", "runningCount", "queuedCount", "totalCurrentTasks"})
public record QueueStatus(String apiKeyType, int concurrentLimit, int runningCount, int queuedCount, int totalCurrentTasks) {
}
