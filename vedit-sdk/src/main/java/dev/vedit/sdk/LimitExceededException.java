package dev.vedit.sdk;

import java.time.Duration;

/**
 * Too many requests or tasks (421 queue limit, 1003 rate limit, 1011 busy, HTTP 429): nothing was created; wait
 * {@link #retryAfter()} and send the same call again. The SDK already retried it as its {@link RetryPolicy} allows.
 */
public final class LimitExceededException extends VeditApiException {
    private final Duration retryAfter;

    LimitExceededException(String errorCode, String message, String taskId, Duration retryAfter) {
        super(errorCode, message, taskId, null);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before trying again: the server's {@code Retry-After} when it sent one, else the policy's next delay. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The same failure with a wait hint, for when the service sent none. */
    LimitExceededException withRetryAfter(Duration hint) {
        return retryAfter != null ? this
                : new LimitExceededException(errorCode(), getMessage(), taskId().orElse(""), hint).withRequestId(requestId().orElse(null));
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
