package dev.vedit.server.webhook;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * How webhooks are delivered.
 *
 * @param retrySchedule  the wait before each retry: entry {@code i} is the delay after attempt {@code i + 1} failed,
 *                       each jittered by ±20 %; a delivery gets {@code retrySchedule.size() + 1} attempts
 * @param attemptTimeout the longest one attempt may take, from connecting to the last byte of the answer
 * @param slots          attempts in flight at once in this process (each on its own virtual thread)
 * @param pollInterval   how often an idle dispatcher looks for due deliveries
 */
public record WebhookSettings(List<Duration> retrySchedule, Duration attemptTimeout, int slots, Duration pollInterval) {
    /**
     * Roughly doubling waits, 11 attempts over about 28 hours, so a receiver that is down for a whole day still
     * gets its events: 10s, 1m, 5m, 15m, 30m, 1h, 2h, 4h, 8h, 12h.
     */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4),
            Duration.ofHours(8), Duration.ofHours(12));

    public WebhookSettings {
        retrySchedule = List.copyOf(retrySchedule);
        if (slots < 1) {
            throw new IllegalArgumentException("webhook slots must be at least 1, not " + slots);
        }
    }

    public static WebhookSettings defaults() {
        return new WebhookSettings(DEFAULT_SCHEDULE, Duration.ofSeconds(10), 16, Duration.ofSeconds(1));
    }

    public WebhookSettings withRetrySchedule(List<Duration> schedule) {
        return new WebhookSettings(schedule, attemptTimeout, slots, pollInterval);
    }

    public WebhookSettings withAttemptTimeout(Duration timeout) {
        return new WebhookSettings(retrySchedule, timeout, slots, pollInterval);
    }

    public WebhookSettings withPollInterval(Duration interval) {
        return new WebhookSettings(retrySchedule, attemptTimeout, slots, interval);
    }

    /** The wait after {@code attempt} (1-based) failed, jittered by ±20 %; empty when that was the last attempt. */
    OptionalLong retryDelayMillis(int attempt, double random) {
        if (attempt < 1 || attempt > retrySchedule.size()) {
            return OptionalLong.empty();
        }
        double base = retrySchedule.get(attempt - 1).toMillis();
        return OptionalLong.of((long) (base * (0.8 + 0.4 * random)));
    }
}
