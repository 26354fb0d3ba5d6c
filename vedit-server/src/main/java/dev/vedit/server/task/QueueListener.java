package dev.vedit.server.task;

import dev.vedit.server.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this process's idle workers when any node submits a task: one dedicated PostgreSQL connection
 * {@code LISTEN}s on {@value #CHANNEL} (the submit transaction {@code NOTIFY}s it). Only a hint, like
 * {@link QueueSignal}: polling stays the source of truth, so a notification lost while reconnecting costs at
 * most one poll interval.
 */
final class QueueListener implements AutoCloseable {
    static final String CHANNEL = "vedit_queue";
    private static final Logger log = LoggerFactory.getLogger(QueueListener.class);
    private static final int WAIT_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final Database db;
    private final QueueSignal signal;
    private final Thread thread;
    private volatile boolean running = true;

    private QueueListener(Database db, QueueSignal signal) {
        this.db = db;
        this.signal = signal;
        this.thread = Thread.ofPlatform().name("vedit-queue-listener").daemon(true).unstarted(this::loop);
    }

    static QueueListener start(Database db, QueueSignal signal) {
        QueueListener listener = new QueueListener(db, signal);
        listener.thread.start();
        return listener;
    }

    private void loop() {
        long backoff = 200;
        while (running) {
            try (Connection c = db.openDedicatedConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                log.info("listening for new tasks on PostgreSQL channel {}", CHANNEL);
                backoff = 200;
                // Tasks submitted while this process was not listening (at start, or during a reconnect) are
                // only found by polling: look once now instead of waiting a poll interval.
                signal.wake();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        signal.wake();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("the LISTEN connection failed ({}); reconnecting in {} ms, polling meanwhile", e.toString(), backoff);
                Waits.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Waits.join(thread, WAIT_MILLIS * 3L);
    }
}
