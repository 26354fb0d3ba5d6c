package dev.vedit.server.webhook;

/**
 * One task's TASK_END webhook, as stored.
 *
 * @param payload        the body, or {@code null} until the first attempt renders it
 * @param attempts       attempts started since creation or the last manual retry
 * @param responseStatus HTTP status of the last answer, or {@code null}
 * @param responseBody   the first KB of the last answer, or {@code null}
 * @param lastError      why the last attempt failed, or {@code null}
 */
record Delivery(long id, long taskId, long accountId, String url, DeliveryStatus status, String payload, int attempts,
                long nextAttemptAt, String claimedBy, Integer responseStatus, String responseBody, String lastError, long createdAt,
                long updatedAt) {

    /** The {@code webhook-id} header: the same on every attempt of this delivery, so receivers can drop duplicates. */
    String webhookId() {
        return "msg_" + id;
    }
}
