package dev.vedit.sdk;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client repeats a call that failed in a way that is safe to repeat: the service was unreachable
 * (nothing was sent), it answered HTTP 429 or 5xx, or it refused with a limit ({@code 421}, {@code 1003},
 * {@code 1011}), which creates nothing. Reads (query, status, account, download) and uploads of a {@code Path}
 * are also repeated after a read timeout or a dropped connection; a submit never is, because the first one may
 * have created a task (see {@link ConnectionException#requestMayHaveArrived()}).
 *
 * <p>Delays grow exponentially from {@code initialDelay} to {@code maxDelay} with "full jitter" (a random delay
 * between half and all of the step), so many clients do not retry in lockstep. A server's {@code Retry-After} wins.
 *
 * @param maxAttempts  attempts in all, including the first; 1 disables retries
 * @param initialDelay delay before the second attempt
 * @param maxDelay     longest delay between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** Three attempts, 500 ms then 1 s (jittered), at most 8 s apart. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8));
    /** One attempt: every failure is reported at once. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    /** @throws IllegalArgumentException when there is no attempt at all or the delays are out of order */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
    }

    /** The jittered delay after failed attempt {@code attempt} (1-based). */
    Duration delayAfter(int attempt) {
        return jittered(initialDelay, maxDelay, attempt);
    }

    /** Exponential step {@code attempt} (1-based) from {@code initial}, capped at {@code max}, jittered to [50 %, 100 %]. */
    static Duration jittered(Duration initial, Duration max, int attempt) {
        long initialMs = initial.toMillis();
        if (initialMs == 0) {
            return Duration.ZERO;
        }
        int shift = Math.min(attempt - 1, 30);
        long step = Math.min(max.toMillis(), initialMs << shift);
        if (step <= 0) {
            step = max.toMillis();
        }
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(step - half + 1));
    }
}
