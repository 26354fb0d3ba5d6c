package dev.vedit.sdk;

import dev.vedit.wire.QueryReply;

/**
 * A task ended FAILED. {@link #errorCode()} says why: 2001 the edit cannot be done by the engine, 2002 cancelled,
 * 2003/2004 the media is unreadable or outside the model's limits, 1006 timed out, 1013/1015/2005 a processing
 * failure worth resubmitting. {@link #reply()} is the full final query reply (with {@code failedReason}).
 */
public final class TaskFailedException extends VeditApiException {
    private final transient QueryReply reply;

    TaskFailedException(QueryReply reply) {
        super(reply.errorCode(), reply.errorMessage().isEmpty() ? "task " + reply.taskId() + " failed" : reply.errorMessage(),
                reply.taskId(), null);
        this.reply = reply;
    }

    /** The final query reply. */
    public QueryReply reply() {
        return reply;
    }

    /** True for failures a resubmit may fix (timeouts, processing failures, exhausted retries), false for input or cancel. */
    @Override
    public boolean retryable() {
        return switch (errorCode()) {
            case "1006", "1013", "1015", "2005", "1005", "1010" -> true;
            default -> false;
        };
    }
}
