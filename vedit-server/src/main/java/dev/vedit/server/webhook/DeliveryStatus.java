package dev.vedit.server.webhook;

/** Where a webhook delivery stands; the {@code callbackStatus} of getWebhookDetail. */
enum DeliveryStatus {
    /** Waiting for its first attempt or its next retry. */
    PENDING,
    /** An attempt is in flight (a node holds its lease). */
    SENDING,
    /** The receiver answered 2xx. Final. */
    SUCCESS,
    /** Every attempt failed, or the URL is refused (not http(s), private address). Final until a manual retry. */
    FAILED,
    /** The receiver answered 410 Gone: it wants no more deliveries. Final until a manual retry. */
    GONE
}
