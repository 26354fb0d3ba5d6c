package dev.vedit.sdk;

import dev.vedit.wire.QueryReply;

/** {@code waitFor} gave up before the task ended; the task goes on and can be queried or waited for again. */
public final class WaitTimeoutException extends VeditApiException {
    private final transient QueryReply lastReply;

    WaitTimeoutException(String taskId, String message, QueryReply lastReply) {
        super("", message, taskId, null);
        this.lastReply = lastReply;
    }

    /** The last query reply seen, or {@code null} if none arrived. */
    public QueryReply lastReply() {
        return lastReply;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
