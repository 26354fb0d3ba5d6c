package dev.vedit.server.task;

import dev.vedit.wire.TaskStatus;

/**
 * A task as stored: inputs, options, plan, state, attempts, error and timings.
 *
 * @param requestJson     the validated model fields (JSON)
 * @param planJson        the engine's edit plan (JSON)
 * @param attempt         attempts started so far
 * @param runAfter        epoch millis before which it is not claimed (retry backoff)
 * @param failedReasonJson the contract's {@code failedReason} object (JSON), or {@code null}
 * @param engineState     a remote engine's handle on the job of the current attempt (JSON), or {@code null}
 */
public record Task(
        long id,
        long accountId,
        String endpoint,
        String engine,
        TaskStatus status,
        String requestJson,
        String planJson,
        String webhookUrl,
        String clientId,
        int attempt,
        int maxAttempts,
        long runAfter,
        String workerId,
        Long heartbeatAt,
        boolean cancelRequested,
        Integer progress,
        String errorCode,
        String errorMessage,
        String failedReasonJson,
        long createdAt,
        Long startedAt,
        Long finishedAt,
        String engineState) {

    /** The id as clients see it: a 19-digit string. */
    public String taskId() {
        return Long.toString(id);
    }

    /** Whole seconds from the start of the last attempt to the end (or now while running). */
    public long costSeconds(long now) {
        if (startedAt == null) {
            return 0;
        }
        long end = finishedAt != null ? finishedAt : now;
        return Math.max(0, Math.round((end - startedAt) / 1000.0));
    }
}
