package dev.vedit.server.task;

import dev.vedit.server.db.Sql;
import dev.vedit.wire.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;

/** What the queue and the read side share: reading a task row, and writing a line of its history. */
final class TaskRows {
    private static final String BY_ID = Sql.load(TaskRows.class, "by-id");
    private static final String BY_IDS = Sql.load(TaskRows.class, "by-ids");
    private static final String BY_ID_LOCKING = Sql.load(TaskRows.class, "by-id-locking");
    private static final String INSERT_EVENT = Sql.load(TaskRows.class, "insert-event");
    /** In plain JDBC for {@link #submitted}, which each submit group runs (see {@link Sql#positional}). */
    private static final Sql.Positional INSERT_EVENT_JDBC = Sql.positional(INSERT_EVENT);
    /** Longer texts are cut: an engine's message may quote a whole stderr, the columns hold 4000 characters. */
    private static final int MAX_TEXT = 4000;

    private TaskRows() {
    }

    /**
     * One task by id, in plain JDBC: every poll of a task (query, v1 status and outputs) runs this, and JDBI's statement
     * machinery (binding by name, rendering, mapping) cost more CPU than H2's read of the row itself.
     */
    static Optional<Task> find(Handle h, long id) {
        return find(h, id, BY_ID);
    }

    /** Several tasks by id, in one read; those not there are left out, the others come in no particular order. */
    static List<Task> find(Handle h, List<Long> ids) {
        return h.createQuery(BY_IDS).bindList("ids", ids).map((rs, ctx) -> map(rs)).list();
    }

    /** {@link #find}, waiting for a transaction that is changing the row to commit (see {@link QueryReplies}). */
    static Optional<Task> findLocking(Handle h, long id) {
        return find(h, id, BY_ID_LOCKING);
    }

    private static Optional<Task> find(Handle h, long id, String sql) {
        try (PreparedStatement s = h.getConnection().prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            // Kept as the cause: Database.unreachable() finds a lost connection in the chain (503, not 500).
            throw new IllegalStateException("reading task " + id + " failed", e);
        }
    }

    static void event(Handle h, long taskId, TaskStatus status, int attempt, String workerId, String errorCode, String message,
                      long now) {
        h.createUpdate(INSERT_EVENT)
                .bind("id", taskId).bind("at", now).bind("status", status.name()).bind("attempt", attempt).bind("worker", workerId)
                .bind("code", errorCode).bind("message", truncate(message)).execute();
    }

    /** The first event of each new task ({@code QUEUED}, "submitted"), one JDBC batch for all. */
    static void submitted(Handle h, List<Task> tasks) {
        events(h, tasks, Task::createdAt, "submitted");
    }

    /** The event of each task a group of ends finished in SUCCESS ("finished"), one JDBC batch for all. */
    static void finished(Handle h, List<Task> tasks) {
        events(h, tasks, Task::finishedAt, "finished");
    }

    /** The event of each task a group of claims took ({@code RUNNING}, "claimed"), one JDBC batch for all. */
    static void claimed(Handle h, List<Task> tasks) {
        events(h, tasks, Task::startedAt, "claimed");
    }

    /**
     * An event per task, one JDBC batch: each task's status, attempt and worker as the transition left them. In plain
     * JDBC: every group of submits, claims and ends runs it, and JDBI's binding by name cost more than H2's inserts.
     */
    private static void events(Handle h, List<Task> tasks, ToLongFunction<Task> at, String message) {
        if (tasks.isEmpty()) {
            return;
        }
        try (PreparedStatement events = h.getConnection().prepareStatement(INSERT_EVENT_JDBC.sql())) {
            for (Task t : tasks) {
                INSERT_EVENT_JDBC.set(events, "id", t.id());
                INSERT_EVENT_JDBC.set(events, "at", at.applyAsLong(t));
                INSERT_EVENT_JDBC.set(events, "status", t.status().name());
                INSERT_EVENT_JDBC.set(events, "attempt", t.attempt());
                INSERT_EVENT_JDBC.set(events, "worker", t.workerId());
                INSERT_EVENT_JDBC.set(events, "code", null);
                INSERT_EVENT_JDBC.set(events, "message", message);
                events.addBatch();
            }
            events.executeBatch();
        } catch (SQLException e) {
            // Kept as the cause: Database.unreachable() finds a lost connection in the chain.
            throw new IllegalStateException("writing " + tasks.size() + " task events failed", e);
        }
    }

    static String truncate(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
    }

    /** A row of {@code tasks}, read by column name (statements select {@code *}: this is the one list of columns). */
    static Task map(ResultSet rs) throws SQLException {
        return new Task(
                rs.getLong("id"),
                rs.getLong("account_id"),
                rs.getString("endpoint"),
                rs.getString("engine"),
                TaskStatus.valueOf(rs.getString("status")),
                rs.getString("request_json"),
                rs.getString("plan_json"),
                rs.getString("webhook_url"),
                rs.getString("client_id"),
                rs.getInt("attempt"),
                rs.getInt("max_attempts"),
                rs.getLong("run_after"),
                rs.getString("worker_id"),
                nullableLong(rs, "heartbeat_at"),
                rs.getBoolean("cancel_requested"),
                nullableInt(rs, "progress"),
                rs.getString("error_code"),
                rs.getString("error_message"),
                rs.getString("failed_reason"),
                rs.getLong("created_at"),
                nullableLong(rs, "started_at"),
                nullableLong(rs, "finished_at"),
                rs.getString("engine_state"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
