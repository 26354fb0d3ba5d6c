package dev.vedit.server.task;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * 19-digit, time-ordered task ids: {@code 10^18 + (millis since 2024 << 22 | node << 12 | sequence)}.
 * The offset keeps every id at exactly 19 digits for about 60 years; the random node bits keep ids
 * from different processes apart (a clash would be refused by the primary key, and the submit retried).
 */
final class TaskIds {
    private static final long EPOCH = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final long OFFSET = 1_000_000_000_000_000_000L;

    private final Clock clock;
    private final long node = new SecureRandom().nextInt(1 << 10);
    private long lastMillis = -1;
    private long sequence;

    TaskIds(Clock clock) {
        this.clock = clock;
    }

    synchronized long next() {
        long now = Math.max(clock.millis() - EPOCH, lastMillis);
        if (now == lastMillis) {
            sequence = (sequence + 1) & 0xFFF;
            if (sequence == 0) {
                now++; // 4096 ids in one millisecond: borrow the next one
            }
        } else {
            sequence = 0;
        }
        lastMillis = now;
        return OFFSET + ((now << 22) | (node << 12) | sequence);
    }
}
