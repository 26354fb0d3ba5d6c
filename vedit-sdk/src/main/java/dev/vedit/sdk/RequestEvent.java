package dev.vedit.sdk;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP attempt the client made, for {@link VeditClient.Builder#requestListener}: what was sent, what came back,
 * how long it took. Never holds the API key or a body.
 *
 * @param method     {@code GET} or {@code POST}
 * @param uri        where it went (result URLs include their token: treat them as secrets in logs you share)
 * @param attempt    1 for the first try of a call, 2 and up for retries
 * @param statusCode the HTTP status, or 0 when no reply came
 * @param elapsed    from sending to the reply's headers (or the failure)
 * @param requestId  the service's {@code X-Request-Id}, or the one the SDK sent when no reply came
 * @param failure    why no reply came (timeout, refused connection), if so
 */
public record RequestEvent(String method, URI uri, int attempt, int statusCode, Duration elapsed, String requestId, Optional<Throwable> failure) {
    static final String REQUEST_ID_HEADER = "X-Request-Id";
}
