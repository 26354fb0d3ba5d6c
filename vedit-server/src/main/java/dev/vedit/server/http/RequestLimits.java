package dev.vedit.server.http;

import java.time.Duration;

/**
 * Limits that keep one client from starving the others.
 *
 * @param perSecond   requests per second one API key may make on average; 0 turns the limit off
 * @param burst       requests one API key may make at once before the average applies
 * @param idleTimeout a connection that sends nothing for this long is closed (slow or stalled clients)
 */
public record RequestLimits(double perSecond, int burst, Duration idleTimeout) {

    public RequestLimits {
        if (perSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("the rate limit must be >= 0 requests/s with a burst of at least 1");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive");
        }
    }

    /** Generous defaults: a well-behaved client never meets them; a runaway loop does. */
    public static RequestLimits defaults() {
        return new RequestLimits(100, 200, Duration.ofSeconds(30));
    }
}
