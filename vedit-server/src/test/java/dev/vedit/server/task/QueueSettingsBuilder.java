package dev.vedit.server.task;

import java.time.Duration;

/**
 * Queue settings for tests in one line: {@code fastQueue().build()} is the queue of the test servers (2 workers,
 * 3 attempts, retries from 200 ms to 2 s, polls every 100 ms, heartbeats every 300 ms, stale after 3 s, 2 min per
 * attempt), so a retry or a rescue happens within a test's patience; a test changes only what it is about
 * ({@code fastQueue().workers(0).build()} for an api-only node whose tasks stay queued).
 */
public final class QueueSettingsBuilder {
    private int workers = 2;
    private Duration pollInterval = Duration.ofMillis(100);

    private QueueSettingsBuilder() {
    }

    public static QueueSettingsBuilder fastQueue() {
        return new QueueSettingsBuilder();
    }

    public QueueSettingsBuilder workers(int n) {
        this.workers = n;
        return this;
    }

    public QueueSettingsBuilder pollInterval(Duration interval) {
        this.pollInterval = interval;
        return this;
    }

    public QueueSettings build() {
        return new QueueSettings(workers, 3, Duration.ofMillis(200), Duration.ofSeconds(2), pollInterval, Duration.ofMillis(300),
                Duration.ofSeconds(3), Duration.ofMinutes(2));
    }
}
