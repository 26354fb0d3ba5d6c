package dev.vedit.server.task;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tasks in the relational store, and the queue over them. Every state change is one transaction that
 * checks the state it expects (and, for a worker, that the worker still owns the attempt), so a task
 * reaches a terminal state exactly once whatever the races between workers, rescuer and cancel.
 */
public final class TaskStore {
    private static final String COLUMNS = """
            id, account_id, endpoint, engine, status, request_json, plan_json, webhook_url, client_id, attempt,
            max_attempts, run_after, worker_id, heartbeat_at, cancel_requested, progress, error_code, error_message,
            failed_reason, created_at, started_at, finished_at""";
    /**
     * How many queued tasks one claim locks and looks at. The select already leaves out accounts at their
     * limit (as far as committed rows show); the exact check under the account's row lock may still skip a few.
     */
    private static final int CLAIM_WINDOW = 4;

    private final Jdbi jdbi;
    private final boolean notifySubmits;
    private final TaskEndHook endHook;

    public TaskStore(Jdbi jdbi) {
        this(jdbi, false, TaskEndHook.NONE);
    }

    /**
     * @param notifySubmits send a PostgreSQL {@code NOTIFY} on {@value QueueListener#CHANNEL} with every new task,
     *                      delivered when its transaction commits, so idle workers on other nodes wake at once
     * @param endHook       runs in the transaction of every terminal transition (e.g. to record a webhook delivery)
     */
    public TaskStore(Jdbi jdbi, boolean notifySubmits, TaskEndHook endHook) {
        this.jdbi = jdbi;
        this.notifySubmits = notifySubmits;
        this.endHook = endHook;
    }

    /** What a heartbeat learned about the running attempt. */
    enum Heartbeat { OWNED, CANCEL_REQUESTED, LOST }

    /** What a cancel request did. */
    public enum CancelOutcome { CANCELLED, CANCEL_REQUESTED, ALREADY_FINISHED, NOT_FOUND }

    Jdbi jdbi() {
        return jdbi;
    }

    void insert(Task t) {
        insert(t, h -> { });
    }

    /** Inserts a task; {@code alsoInTransaction} runs in the same transaction (e.g. to record its idempotency key). */
    void insert(Task t, org.jdbi.v3.core.HandleConsumer<RuntimeException> alsoInTransaction) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO tasks (" + COLUMNS + ", updated_at) VALUES (:id, :account, :endpoint, :engine, :status, "
                            + ":request, :plan, :webhook, :client, 0, :maxAttempts, :runAfter, NULL, NULL, FALSE, NULL, NULL, NULL, "
                            + "NULL, :created, NULL, NULL, :created)")
                    .bind("id", t.id()).bind("account", t.accountId()).bind("endpoint", t.endpoint()).bind("engine", t.engine())
                    .bind("status", TaskStatus.QUEUED.name()).bind("request", t.requestJson()).bind("plan", t.planJson())
                    .bind("webhook", t.webhookUrl()).bind("client", t.clientId()).bind("maxAttempts", t.maxAttempts())
                    .bind("runAfter", t.runAfter()).bind("created", t.createdAt())
                    .execute();
            event(h, t.id(), TaskStatus.QUEUED, 0, null, null, "submitted", t.createdAt());
            alsoInTransaction.useHandle(h);
            if (notifySubmits) {
                h.execute("NOTIFY " + QueueListener.CHANNEL);
            }
        });
    }

    public Optional<Task> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
    }

    /** The task if it exists and belongs to the account; another account's task is as unknown as a missing one. */
    public Optional<Task> find(long id, long accountId) {
        return find(id).filter(t -> t.accountId() == accountId);
    }

    public List<TaskOutput> outputs(long taskId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT idx, media_key, output_type, node_id, link_token FROM task_outputs WHERE task_id = :id ORDER BY idx")
                .bind("id", taskId)
                .map((rs, ctx) -> new TaskOutput(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list());
    }

    /** The status history and per-attempt errors, oldest first. */
    public List<TaskEvent> events(long taskId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT at, status, attempt, worker_id, error_code, message FROM task_events WHERE task_id = :id ORDER BY id")
                .bind("id", taskId)
                .map((rs, ctx) -> new TaskEvent(rs.getLong(1), TaskStatus.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list());
    }

    /**
     * Claims the oldest claimable task for a worker: one {@code FOR UPDATE SKIP LOCKED} select over the
     * queue (so concurrent workers never block on, or take, the same rows), then per candidate a lock on
     * its account row to count that account's running tasks exactly, then the update to RUNNING.
     */
    Optional<Task> claim(String workerId, long now, ToIntFunction<String> modelConcurrency) {
        return jdbi.inTransaction(h -> {
            List<long[]> candidates = h.createQuery("""
                            SELECT t.id, t.account_id FROM tasks t
                            WHERE t.status = 'QUEUED' AND t.run_after <= :now
                              AND (SELECT COUNT(*) FROM tasks r WHERE r.account_id = t.account_id AND r.status = 'RUNNING')
                                  < (SELECT a.concurrency FROM accounts a WHERE a.id = t.account_id)
                            ORDER BY t.id
                            LIMIT :window
                            FOR UPDATE SKIP LOCKED""")
                    .bind("now", now).bind("window", CLAIM_WINDOW)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .list();
            for (long[] c : candidates) {
                long taskId = c[0];
                long accountId = c[1];
                int limit = h.createQuery("SELECT concurrency FROM accounts WHERE id = :a FOR UPDATE")
                        .bind("a", accountId).mapTo(Integer.class).one();
                int running = h.createQuery("SELECT COUNT(*) FROM tasks WHERE account_id = :a AND status = 'RUNNING'")
                        .bind("a", accountId).mapTo(Integer.class).one();
                if (running >= limit) {
                    continue;
                }
                String endpoint = h.createQuery("SELECT endpoint FROM tasks WHERE id = :id").bind("id", taskId).mapTo(String.class).one();
                int modelRunning = h.createQuery("SELECT COUNT(*) FROM tasks WHERE endpoint = :e AND status = 'RUNNING'")
                        .bind("e", endpoint).mapTo(Integer.class).one();
                if (modelRunning >= modelConcurrency.applyAsInt(endpoint)) {
                    continue;
                }
                h.createUpdate("""
                                UPDATE tasks SET status = 'RUNNING', worker_id = :worker, attempt = attempt + 1, heartbeat_at = :now,
                                    started_at = :now, progress = 0, updated_at = :now
                                WHERE id = :id""")
                        .bind("worker", workerId).bind("now", now).bind("id", taskId).execute();
                Task task = h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE id = :id").bind("id", taskId)
                        .map((rs, ctx) -> map(rs)).one();
                event(h, taskId, TaskStatus.RUNNING, task.attempt(), workerId, null, "claimed", now);
                return Optional.of(task);
            }
            return Optional.<Task>empty();
        });
    }

    /** Records that the attempt is alive (and its progress); tells whether it was cancelled or lost. */
    Heartbeat heartbeat(long id, String workerId, int attempt, Integer progress, long now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE tasks SET heartbeat_at = :now, progress = COALESCE(:progress, progress), updated_at = :now
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = 'RUNNING'""")
                    .bind("now", now).bind("progress", progress).bind("id", id).bind("worker", workerId).bind("attempt", attempt)
                    .execute();
            if (updated == 0) {
                return Heartbeat.LOST;
            }
            boolean cancel = h.createQuery("SELECT cancel_requested FROM tasks WHERE id = :id").bind("id", id)
                    .mapTo(Boolean.class).one();
            return cancel ? Heartbeat.CANCEL_REQUESTED : Heartbeat.OWNED;
        });
    }

    /** Ends an attempt in SUCCESS with its outputs; false when the worker no longer owns it. */
    boolean succeed(long id, String workerId, int attempt, List<TaskOutput> outputs, long now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE tasks SET status = 'SUCCESS', progress = 100, finished_at = :now, updated_at = :now,
                                error_code = NULL, error_message = NULL, failed_reason = NULL
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = 'RUNNING'""")
                    .bind("now", now).bind("id", id).bind("worker", workerId).bind("attempt", attempt).execute();
            if (updated == 0) {
                return false;
            }
            for (TaskOutput o : outputs) {
                h.createUpdate("""
                                INSERT INTO task_outputs (task_id, idx, media_key, output_type, node_id, link_token)
                                VALUES (:id, :idx, :key, :type, :node, :token)""")
                        .bind("id", id).bind("idx", o.index()).bind("key", o.mediaKey()).bind("type", o.outputType())
                        .bind("node", o.nodeId()).bind("token", o.linkToken()).execute();
            }
            event(h, id, TaskStatus.SUCCESS, attempt, workerId, null, "finished", now);
            endHook.taskEnded(h, id, now);
            return true;
        });
    }

    /** Ends an attempt, and the task, in FAILED; false when the worker no longer owns it. */
    boolean fail(long id, String workerId, int attempt, ErrorCode code, String message, String failedReasonJson, long now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE tasks SET status = 'FAILED', finished_at = :now, updated_at = :now, error_code = :code,
                                error_message = :message, failed_reason = :reason
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = 'RUNNING'""")
                    .bind("now", now).bind("code", code.code()).bind("message", truncate(message)).bind("reason", failedReasonJson)
                    .bind("id", id).bind("worker", workerId).bind("attempt", attempt).execute();
            if (updated == 0) {
                return false;
            }
            event(h, id, TaskStatus.FAILED, attempt, workerId, code.code(), message, now);
            endHook.taskEnded(h, id, now);
            return true;
        });
    }

    /** Ends a failed attempt and puts the task back in the queue, not before {@code runAfter}. */
    boolean retryLater(long id, String workerId, int attempt, long runAfter, ErrorCode code, String message, long now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE tasks SET status = 'QUEUED', run_after = :runAfter, worker_id = NULL, heartbeat_at = NULL,
                                progress = NULL, updated_at = :now, error_code = :code, error_message = :message
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = 'RUNNING'""")
                    .bind("runAfter", runAfter).bind("now", now).bind("code", code.code()).bind("message", truncate(message))
                    .bind("id", id).bind("worker", workerId).bind("attempt", attempt).execute();
            if (updated == 0) {
                return false;
            }
            event(h, id, TaskStatus.QUEUED, attempt, workerId, code.code(), "retry scheduled after: " + message, now);
            return true;
        });
    }

    /**
     * Cancels a task of the account: a queued one ends at once (FAILED, code 2002); a running one is
     * flagged, and its worker stops it at its next heartbeat.
     */
    public CancelOutcome requestCancel(long id, long accountId, long now) {
        return jdbi.inTransaction(h -> {
            Optional<String> status = h.createQuery("SELECT status FROM tasks WHERE id = :id AND account_id = :a FOR UPDATE")
                    .bind("id", id).bind("a", accountId).mapTo(String.class).findOne();
            if (status.isEmpty()) {
                return CancelOutcome.NOT_FOUND;
            }
            switch (TaskStatus.valueOf(status.get())) {
                case QUEUED -> {
                    h.createUpdate("""
                                    UPDATE tasks SET status = 'FAILED', finished_at = :now, updated_at = :now, cancel_requested = TRUE,
                                        error_code = :code, error_message = :message, failed_reason = NULL
                                    WHERE id = :id""")
                            .bind("now", now).bind("code", ErrorCode.TASK_CANCELLED.code())
                            .bind("message", ErrorCode.TASK_CANCELLED.message()).bind("id", id).execute();
                    int attempt = h.createQuery("SELECT attempt FROM tasks WHERE id = :id").bind("id", id).mapTo(Integer.class).one();
                    event(h, id, TaskStatus.FAILED, attempt, null, ErrorCode.TASK_CANCELLED.code(), "cancelled while queued", now);
                    endHook.taskEnded(h, id, now);
                    return CancelOutcome.CANCELLED;
                }
                case RUNNING -> {
                    h.createUpdate("UPDATE tasks SET cancel_requested = TRUE, updated_at = :now WHERE id = :id")
                            .bind("now", now).bind("id", id).execute();
                    return CancelOutcome.CANCEL_REQUESTED;
                }
                default -> {
                    return CancelOutcome.ALREADY_FINISHED;
                }
            }
        });
    }

    /**
     * Re-queues (or, out of attempts, fails) running tasks whose worker stopped heart-beating before
     * {@code staleBefore}; a task whose cancel was requested ends as cancelled. Returns how many it handled.
     */
    int rescueStale(long staleBefore, long now, long retryAt) {
        return jdbi.inTransaction(h -> {
            List<Task> stale = h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE status = 'RUNNING' AND heartbeat_at < :before "
                            + "ORDER BY id FOR UPDATE SKIP LOCKED")
                    .bind("before", staleBefore).map((rs, ctx) -> map(rs)).list();
            for (Task t : stale) {
                if (t.cancelRequested()) {
                    endRescued(h, t, ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), now);
                } else if (t.attempt() >= t.maxAttempts()) {
                    endRescued(h, t, ErrorCode.RETRIES_EXHAUSTED, ErrorCode.RETRIES_EXHAUSTED.message(
                            "the worker running attempt " + t.attempt() + " of " + t.maxAttempts() + " stopped responding",
                            "执行第 " + t.attempt() + "/" + t.maxAttempts() + " 次尝试的工作进程已失去响应"), now);
                } else {
                    h.createUpdate("""
                                    UPDATE tasks SET status = 'QUEUED', run_after = :retryAt, worker_id = NULL, heartbeat_at = NULL,
                                        progress = NULL, updated_at = :now WHERE id = :id""")
                            .bind("retryAt", retryAt).bind("now", now).bind("id", t.id()).execute();
                    event(h, t.id(), TaskStatus.QUEUED, t.attempt(), t.workerId(), null, "re-queued: worker " + t.workerId()
                            + " stopped heart-beating", now);
                }
            }
            return stale.size();
        });
    }

    private void endRescued(Handle h, Task t, ErrorCode code, String message, long now) {
        h.createUpdate("""
                        UPDATE tasks SET status = 'FAILED', finished_at = :now, updated_at = :now, error_code = :code,
                            error_message = :message WHERE id = :id""")
                .bind("now", now).bind("code", code.code()).bind("message", truncate(message)).bind("id", t.id()).execute();
        event(h, t.id(), TaskStatus.FAILED, t.attempt(), t.workerId(), code.code(), message, now);
        endHook.taskEnded(h, t.id(), now);
    }

    /** Tasks of an account by status, for limits and status replies. */
    Counts counts(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END), 0),
                               COALESCE(SUM(CASE WHEN status = 'QUEUED' THEN 1 ELSE 0 END), 0)
                        FROM tasks WHERE account_id = :a AND status IN ('QUEUED', 'RUNNING')""")
                .bind("a", accountId).map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2))).one());
    }

    int queuedForModel(String endpoint) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tasks WHERE endpoint = :e AND status = 'QUEUED'")
                .bind("e", endpoint).mapTo(Integer.class).one());
    }

    /** The most recent tasks of an account, newest first. */
    public List<Task> recent(long accountId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE account_id = :a ORDER BY id DESC LIMIT :n")
                .bind("a", accountId).bind("n", limit).map((rs, ctx) -> map(rs)).list());
    }

    /**
     * One page of an account's tasks, newest first (ids grow with submit time). Fetches one row more than
     * asked so the caller learns whether an older page exists without a count query.
     */
    List<Task> page(long accountId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM tasks WHERE account_id = :a ORDER BY id DESC "
                        + "LIMIT :n OFFSET :o")
                .bind("a", accountId).bind("n", limit).bind("o", offset).map((rs, ctx) -> map(rs)).list());
    }

    /** Tasks of one account by state. */
    public record Counts(int running, int queued) {
    }

    /** How many tasks each model endpoint has in each state, for metrics. */
    public List<StatusCount> countsByModel() {
        return jdbi.withHandle(h -> h.createQuery("SELECT endpoint, status, COUNT(*) FROM tasks GROUP BY endpoint, status")
                .map((rs, ctx) -> new StatusCount(rs.getString(1), TaskStatus.valueOf(rs.getString(2)), rs.getLong(3))).list());
    }

    /** The number of tasks of one model endpoint in one state. */
    public record StatusCount(String endpoint, TaskStatus status, long count) {
    }

    private static void event(Handle h, long taskId, TaskStatus status, int attempt, String workerId, String errorCode, String message,
                              long now) {
        h.createUpdate("""
                        INSERT INTO task_events (task_id, at, status, attempt, worker_id, error_code, message)
                        VALUES (:id, :at, :status, :attempt, :worker, :code, :message)""")
                .bind("id", taskId).bind("at", now).bind("status", status.name()).bind("attempt", attempt).bind("worker", workerId)
                .bind("code", errorCode).bind("message", truncate(message)).execute();
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    private static Task map(ResultSet rs) throws SQLException {
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
                nullableLong(rs, "finished_at"));
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
