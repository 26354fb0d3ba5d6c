package dev.vedit.wire;

/**
 * The {@code data} of {@code /uc/openapi/webhookSecret} and {@code /uc/openapi/webhookSecret/rotate} (vedit
 * extension): the account's webhook signing secret, for {@link WebhookSignature#verify}.
 */
public record WebhookSecretReply(String secret) {
}
