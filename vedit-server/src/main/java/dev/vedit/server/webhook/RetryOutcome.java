package dev.vedit.server.webhook;

/** What a manual retry (retryWebhook) did. */
public enum RetryOutcome {
    /** The delivery is due now, with a fresh retry schedule. */
    SCHEDULED,
    /** An attempt is in flight; retry once it has ended. */
    IN_FLIGHT,
    /** No delivery with that id belongs to the account. */
    NOT_FOUND
}
