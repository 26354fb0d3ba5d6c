package dev.vedit.sdk;

import java.util.Optional;

/**
 * Everything the SDK throws for a failed call or task. The subclass says what the caller should do:
 *
 * <ul>
 *   <li>{@link InvalidRequestException}: fix the input (the field is named when known); retrying will not help.</li>
 *   <li>{@link AuthenticationException}: check the API key and the base URL.</li>
 *   <li>{@link NotFoundException}: the task does not exist, expired, or belongs to another key.</li>
 *   <li>{@link LimitExceededException}: too many requests or tasks; retry after {@link LimitExceededException#retryAfter()}.</li>
 *   <li>{@link ServerException}: the service failed; retrying later usually works.</li>
 *   <li>{@link ConnectionException}: the service could not be reached or did not answer.</li>
 *   <li>{@link TaskFailedException}: the task was accepted but ended FAILED; {@link #errorCode()} says why.</li>
 *   <li>{@link WaitTimeoutException}: {@code waitFor} gave up; the task may still finish.</li>
 * </ul>
 *
 * <p>The message is the service's bilingual {@code "English | 中文"} text where it sent one.
 */
public abstract sealed class VeditApiException extends RuntimeException
        permits InvalidRequestException, AuthenticationException, NotFoundException, LimitExceededException, ServerException,
        ConnectionException, TaskFailedException, WaitTimeoutException {
    private final String errorCode;
    private final String taskId;
    /** Set once, by the transport, before the exception reaches the caller. */
    private String requestId = "";

    VeditApiException(String errorCode, String message, String taskId, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode == null ? "" : errorCode;
        this.taskId = taskId == null ? "" : taskId;
    }

    /** The service's error code ({@code "1007"}, {@code "421"}, v1 codes such as {@code "807"}); {@code ""} when none was sent. */
    public String errorCode() {
        return errorCode;
    }

    /** The task the failure concerns, if any. */
    public Optional<String> taskId() {
        return taskId.isEmpty() ? Optional.empty() : Optional.of(taskId);
    }

    /**
     * The id of the HTTP request that failed: the service's {@code X-Request-Id} reply header (it appears in every log
     * line the service wrote for the request), or the id the SDK sent when no reply came. Quote it when reporting a
     * problem. Empty for failures that happened before anything was sent.
     */
    public Optional<String> requestId() {
        return requestId.isEmpty() ? Optional.empty() : Optional.of(requestId);
    }

    @SuppressWarnings("unchecked")
    <E extends VeditApiException> E withRequestId(String id) {
        if (requestId.isEmpty() && id != null) {
            requestId = id;
        }
        return (E) this;
    }

    /** Whether the same call may succeed if repeated later unchanged. */
    public abstract boolean retryable();
}
