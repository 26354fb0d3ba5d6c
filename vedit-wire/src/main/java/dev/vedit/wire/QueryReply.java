package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A task as {@code /openapi/v2/query} shows it; also the {@code eventData} of a {@code TASK_END} webhook.
 *
 * @param taskId       echo of the asked id
 * @param status       QUEUED, RUNNING, SUCCESS, FAILED; {@code ""} when the query itself failed
 * @param errorCode    {@code ""} unless failed
 * @param errorMessage {@code ""} unless failed
 * @param results      {@code null} until SUCCESS
 * @param failedReason {@code {}} or what failed (node, exception type, message)
 * @param usage        {@code null} when the query failed
 * @param clientId     {@code ""} in query replies
 * @param promptTips   {@code ""} in query replies
 * @param plan         vedit extension: the edit plan
 * @param progress     vedit extension: percent done (0-100) while running; {@code null} otherwise
 */
@JsonPropertyOrder({"taskId", "status", "errorCode", "errorMessage", "results", "failedReason", "usage", "clientId", "promptTips", "plan", "progress"})
public record QueryReply(
        String taskId,
        String status,
        String errorCode,
        String errorMessage,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<TaskResult> results,
        @JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Object> failedReason,
        @JsonInclude(JsonInclude.Include.ALWAYS) Usage usage,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String promptTips,
        @JsonInclude(JsonInclude.Include.NON_NULL) EditPlan plan,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer progress) {

    /** The reply for an unknown, expired or foreign task id. */
    public static QueryReply notFound(String taskId) {
        return failedQuery(taskId, ErrorCode.TASK_NOT_FOUND, ErrorCode.TASK_NOT_FOUND.message());
    }

    /** The reply when the query itself could not be answered. */
    public static QueryReply failedQuery(String taskId, ErrorCode code, String message) {
        return new QueryReply(taskId == null ? "" : taskId, "", code.code(), message, null, Map.of(), null, null, null, null, null);
    }
}
