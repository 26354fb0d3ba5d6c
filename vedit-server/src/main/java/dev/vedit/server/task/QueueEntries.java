package dev.vedit.server.task;

import dev.vedit.server.db.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * How many times a task has entered the queue, ever (table {@code queue_entries}): every insert as {@code QUEUED} and
 * every retry or rescue that puts a task back adds to it, in the transaction that does so. A number that only grows
 * bounds how much the queue can have grown since it was last read, which is what lets a submit skip counting the
 * queued rows ({@link QueueBounds}). Every statement that makes a row {@code QUEUED} is in {@link TaskQueue}, and each
 * calls {@link #entered} in its transaction.
 */
final class QueueEntries {
    /** Rows the number is spread over, so that transactions adding at once seldom wait for one row. */
    static final int SHARDS = 16;
    /** Both run in plain JDBC, since every submit group runs them (see {@link Sql#positional}). */
    private static final Sql.Positional ENTERED = Sql.positional(Sql.load(QueueEntries.class, "entered"));
    private static final String TOTAL = Sql.load(QueueEntries.class, "total");

    private QueueEntries() {
    }

    /**
     * Adds {@code tasks} entries in the handle's transaction. The shard is the thread's, so a transaction adds to one
     * row however often it calls this, and two transactions never hold two rows in opposite orders. Call it after the
     * transaction's other writes, so that it holds the row for as short a time as possible.
     */
    static void entered(Handle h, int tasks) {
        if (tasks <= 0) {
            return;
        }
        try (PreparedStatement s = h.getConnection().prepareStatement(ENTERED.sql())) {
            ENTERED.set(s, "tasks", tasks);
            ENTERED.set(s, "shard", (int) (Thread.currentThread().threadId() % SHARDS));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("adding to the queue's entries failed", e);
        }
    }

    /**
     * Every committed entry, ever (and this transaction's own). JDBI's mapping of the one number cost as much as the
     * database's reading of it.
     */
    static long total(Handle h) {
        try (PreparedStatement s = h.getConnection().prepareStatement(TOTAL); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            // Kept as the cause: Database.unreachable() finds a lost connection in the chain.
            throw new IllegalStateException("reading the queue's entries failed", e);
        }
    }
}
