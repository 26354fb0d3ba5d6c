package dev.vedit.server.media;

/**
 * A public, expiring URL to a stored object.
 *
 * @param token     the capability in the URL (for {@code task_outputs.link_token})
 * @param url       {@code <publicBaseUrl>/media/<token>/<fileName>}
 * @param expiresAt epoch milliseconds
 */
public record MediaLink(String token, String url, long expiresAt) {
}
