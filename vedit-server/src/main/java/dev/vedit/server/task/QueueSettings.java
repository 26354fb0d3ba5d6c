package dev.vedit.server.task;

import java.time.Duration;

/**
 * How the queue behaves.
 *
 * @param workers           worker threads in this process (0 for an api-only node)
 * @param maxAttempts       attempts per task before a transient failure becomes final
 * @param retryBase         backoff before the 2nd attempt; doubled each time, with ±50 % jitter
 * @param retryMax          the longest backoff
 * @param pollInterval      how often an idle worker looks for work without being woken
 * @param heartbeatInterval how often a running attempt reports that it is alive
 * @param staleAfter        a running attempt silent this long is taken to be lost, and re-queued
 * @param taskTimeout       the longest one attempt may run
 */
public record QueueSettings(
        int workers,
        int maxAttempts,
        Duration retryBase,
        Duration retryMax,
        Duration pollInterval,
        Duration heartbeatInterval,
        Duration staleAfter,
        Duration taskTimeout) {

    /** The defaults, with one worker per core. */
    public static QueueSettings defaults() {
        return new QueueSettings(Runtime.getRuntime().availableProcessors(), 3, Duration.ofSeconds(2), Duration.ofMinutes(1),
                Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofMinutes(15));
    }

    public QueueSettings withWorkers(int n) {
        return new QueueSettings(n, maxAttempts, retryBase, retryMax, pollInterval, heartbeatInterval, staleAfter, taskTimeout);
    }

    long backoffMillis(int attempt, double random) {
        double base = retryBase.toMillis() * Math.pow(2, Math.max(0, attempt - 1));
        double jittered = base * (0.5 + random);
        return (long) Math.min(jittered, retryMax.toMillis());
    }
}
