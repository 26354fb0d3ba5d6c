package dev.vedit.server.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per account, in this process's memory: {@code burst} requests at once, refilled at {@code perSecond}.
 * Keyed by the account (not the key text) so no secret is held here, and the map is bounded by the number of
 * accounts. For the embedded database, which one process holds; api nodes sharing PostgreSQL use
 * {@link SharedRateLimiter}, or each would grant the whole rate.
 */
final class KeyRateLimiter implements RateLimiter {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    KeyRateLimiter(double perSecond, int burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for the account; false when its bucket is empty (the request must be refused). */
    boolean tryAcquire(long accountId) {
        if (perSecond == 0) {
            return true;
        }
        return buckets.computeIfAbsent(accountId, id -> new Bucket(burst, nanoTime.getAsLong())).take(perSecond, burst, nanoTime.getAsLong());
    }

    @Override
    public Admission admit(long accountId) {
        return tryAcquire(accountId) ? Admission.ADMITTED : new Admission(false, secondsUntilNext(accountId));
    }

    /** Seconds until the account's next token, for the error message. */
    double secondsUntilNext(long accountId) {
        Bucket b = buckets.get(accountId);
        return b == null || perSecond == 0 ? 0 : b.wait(perSecond);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(double perSecond, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized double wait(double perSecond) {
            return Math.max(0, (1 - tokens) / perSecond);
        }
    }
}
