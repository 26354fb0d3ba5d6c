package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The {@code data} of a successful {@code /task/openapi/create} or {@code /task/openapi/ai-app/run} (v1 envelope).
 * Clients check that {@code taskId} and {@code netWssUrl} are both present, so {@code netWssUrl} is always written, as
 * {@code null}: vedit hands out no websocket of its own ComfyUI servers.
 *
 * @param netWssUrl  always {@code null} on vedit
 * @param taskId     19-digit task id
 * @param clientId   32 hex characters
 * @param taskStatus {@code QUEUED} (or {@code RUNNING})
 * @param promptTips ComfyUI's validation answer as a JSON string
 */
@JsonPropertyOrder({"netWssUrl", "taskId", "clientId", "taskStatus", "promptTips"})
public record WorkflowTaskCreated(@JsonInclude(JsonInclude.Include.ALWAYS) String netWssUrl, String taskId, String clientId,
                                  String taskStatus, String promptTips) {
}
