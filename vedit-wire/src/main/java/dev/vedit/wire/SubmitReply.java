package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The reply to a submit, accepted or rejected (both HTTP 200).
 *
 * @param taskId       19-digit task id; {@code ""} when rejected
 * @param status       {@code QUEUED} or {@code RUNNING}; {@code ""} when rejected
 * @param errorCode    {@code ""} when accepted
 * @param errorMessage {@code ""} when accepted
 * @param results      always {@code null} on submit
 * @param clientId     32 hex characters; absent when rejected
 * @param promptTips   the validation result, a JSON document inside a string; absent when rejected
 * @param plan         vedit extension: the edit plan; absent when rejected
 */
@JsonPropertyOrder({"taskId", "status", "errorCode", "errorMessage", "results", "clientId", "promptTips", "plan"})
public record SubmitReply(
        String taskId,
        String status,
        String errorCode,
        String errorMessage,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<TaskResult> results,
        @JsonInclude(JsonInclude.Include.NON_NULL) String clientId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String promptTips,
        @JsonInclude(JsonInclude.Include.NON_NULL) EditPlan plan) {

    public static SubmitReply rejected(ErrorCode code, String message) {
        return new SubmitReply("", "", code.code(), message, null, null, null, null);
    }

    public boolean accepted() {
        return errorCode == null || errorCode.isEmpty();
    }
}
