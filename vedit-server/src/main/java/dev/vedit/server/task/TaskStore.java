package dev.vedit.server.task;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
            failed_reason, created_at, started_at, finished_at, engine_state""";
    /**
     * How many queued tasks of one account a claim locks and looks at. The account select already leaves out
     * accounts at their limit (as far as committed rows show); the exact check under the account's row lock may
     * still skip a few.
     */
    private static final int CLAIM_WINDOW = 4;
    /** How many accounts, in fairness order, one claim looks at (more only matter when the first are all locked). */
    private static final int CLAIM_ACCOUNTS = 4;

    private final Jdbi jdbi;
    private final boolean notifySubmits;
    private final TaskEndHook endHook;
    private final List<TaskListener> listeners;

    public TaskStore(Jdbi jdbi) {
        this(jdbi, false, TaskEndHook.NONE, List.of());
    }

    /**
     * @param notifySubmits send a PostgreSQL {@code NOTIFY} on {@value QueueListener#CHANNEL} with every new task,
     *                      delivered when its transaction commits, so idle workers on other nodes wake at once
     * @param endHook       runs in the transaction of every terminal transition (e.g. to record a webhook delivery)
     * @param listeners     told after the commit of every terminal transition (e.g. metrics)
     */
    public TaskStore(Jdbi jdbi, boolean notifySubmits, TaskEndHook endHook, List<TaskListener> listeners) {
        this.jdbi = jdbi;
        this.notifySubmits = notifySubmits;
        this.endHook = endHook;
        this.listeners = List.copyOf(listeners);
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
                            + "NULL, :created, NULL, NULL, NULL, :created)")
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
     * Claims a task for a worker, fairly across accounts: the account with the fewest running tasks (below its
     * limit) goes first, ties to the one waiting longest, and within an account the oldest task. So each claim
     * goes round the accounts with queued work, and one key's flood of tasks (its concurrency defaults to the
     * worker count) delays another key's task by at most one running task, not by the whole flood.
     *
     * <p>First a plain read picks the accounts in that order; then per account one {@code FOR UPDATE SKIP LOCKED}
     * select over its oldest queued tasks (so concurrent workers never block on, or take, the same rows), a lock
     * on the account row to count its running tasks exactly, and the update to RUNNING. Portable SQL: the same
     * statements run on H2 and PostgreSQL.
     */
    Optional<Task> claim(String workerId, long now, ToIntFunction<String> modelConcurrency) {
        return jdbi.inTransaction(h -> {
            List<Long> accounts = h.createQuery("""
                            SELECT q.account_id FROM (
                                SELECT account_id, MIN(id) AS oldest FROM tasks
                                WHERE status = 'QUEUED' AND run_after <= :now
                                GROUP BY account_id) q
                            JOIN accounts a ON a.id = q.account_id
                            LEFT JOIN (
                                SELECT account_id, COUNT(*) AS n FROM tasks WHERE status = 'RUNNING'
                                GROUP BY account_id) r ON r.account_id = q.account_id
                            WHERE COALESCE(r.n, 0) < a.concurrency
                            ORDER BY COALESCE(r.n, 0), q.oldest
                            LIMIT :accounts""")
                    .bind("now", now).bind("accounts", CLAIM_ACCOUNTS)
                    .mapTo(Long.class)
                    .list();
            List<long[]> candidates = new java.util.ArrayList<>();
            for (long account : accounts) {
                h.createQuery("""
                                SELECT id, account_id FROM tasks
                                WHERE account_id = :account AND status = 'QUEUED' AND run_after <= :now
                                ORDER BY id
                                LIMIT :window
                                FOR UPDATE SKIP LOCKED""")
                        .bind("account", account).bind("now", now).bind("window", CLAIM_WINDOW)
                        .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)})
                        .forEach(candidates::add);
            }
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
                                UPDATE tasks SET status = :to, worker_id = :worker, attempt = attempt + 1, heartbeat_at = :now,
                                    started_at = :now, progress = 0, updated_at = :now
                                WHERE id = :id AND status = :from""")
                        .bind("worker", workerId).bind("now", now).bind("id", taskId)
                        .bind("from", Transition.CLAIMED.from.name()).bind("to", Transition.CLAIMED.to.name()).execute();
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
                            UPDATE tasks SET status = :to, progress = 100, finished_at = :now, updated_at = :now,
                                error_code = NULL, error_message = NULL, failed_reason = NULL
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = :from""")
                    .bindMap(states(Transition.SUCCEEDED))
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
            ended(h, Transition.SUCCEEDED, id, now);
            return true;
        });
    }

    /** Ends an attempt, and the task, in FAILED; false when the worker no longer owns it. */
    boolean fail(long id, String workerId, int attempt, ErrorCode code, String message, String failedReasonJson, long now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE tasks SET status = :to, finished_at = :now, updated_at = :now, error_code = :code,
                                error_message = :message, failed_reason = :reason
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = :from""")
                    .bindMap(states(Transition.FAILED)).bind("now", now).bind("code", code.code()).bind("message", truncate(message)).bind("reason", failedReasonJson)
                    .bind("id", id).bind("worker", workerId).bind("attempt", attempt).execute();
            if (updated == 0) {
                return false;
            }
            event(h, id, TaskStatus.FAILED, attempt, workerId, code.code(), message, now);
            ended(h, Transition.FAILED, id, now);
            return true;
        });
    }

    /** Ends a failed attempt and puts the task back in the queue, not before {@code runAfter}. */
    boolean retryLater(long id, String workerId, int attempt, long runAfter, ErrorCode code, String message, long now) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE tasks SET status = :to, run_after = :runAfter, worker_id = NULL, heartbeat_at = NULL,
                                progress = NULL, updated_at = :now, error_code = :code, error_message = :message
                            WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = :from""")
                    .bindMap(states(Transition.RETRY_SCHEDULED)).bind("runAfter", runAfter).bind("now", now).bind("code", code.code()).bind("message", truncate(message))
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
                                    UPDATE tasks SET status = :to, finished_at = :now, updated_at = :now, cancel_requested = TRUE,
                                        error_code = :code, error_message = :message, failed_reason = :reason
                                    WHERE id = :id AND status = :from""")
                            .bindMap(states(Transition.CANCELLED_QUEUED)).bind("reason", cancelledReason("queue"))
                            .bind("now", now).bind("code", ErrorCode.TASK_CANCELLED.code())
                            .bind("message", ErrorCode.TASK_CANCELLED.message()).bind("id", id).execute();
                    int attempt = h.createQuery("SELECT attempt FROM tasks WHERE id = :id").bind("id", id).mapTo(Integer.class).one();
                    event(h, id, TaskStatus.FAILED, attempt, null, ErrorCode.TASK_CANCELLED.code(), "cancelled while queued", now);
                    ended(h, Transition.CANCELLED_QUEUED, id, now);
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
                    endRescued(h, t, ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), cancelledReason("worker"), now);
                } else if (t.attempt() >= t.maxAttempts()) {
                    endRescued(h, t, ErrorCode.RETRIES_EXHAUSTED, ErrorCode.RETRIES_EXHAUSTED.message(
                            "the worker running attempt " + t.attempt() + " of " + t.maxAttempts() + " stopped responding",
                            "执行第 " + t.attempt() + "/" + t.maxAttempts() + " 次尝试的工作进程已失去响应"), null, now);
                } else {
                    h.createUpdate("""
                                    UPDATE tasks SET status = :to, run_after = :retryAt, worker_id = NULL, heartbeat_at = NULL,
                                        progress = NULL, updated_at = :now WHERE id = :id AND status = :from""")
                            .bindMap(states(Transition.RESCUED)).bind("retryAt", retryAt).bind("now", now).bind("id", t.id()).execute();
                    event(h, t.id(), TaskStatus.QUEUED, t.attempt(), t.workerId(), null, "re-queued: worker " + t.workerId()
                            + " stopped heart-beating", now);
                }
            }
            return stale.size();
        });
    }

    private void endRescued(Handle h, Task t, ErrorCode code, String message, String failedReasonJson, long now) {
        h.createUpdate("""
                        UPDATE tasks SET status = :to, finished_at = :now, updated_at = :now, error_code = :code,
                            error_message = :message, failed_reason = :reason WHERE id = :id AND status = :from""")
                .bindMap(states(Transition.RESCUED_ENDED)).bind("reason", failedReasonJson)
                .bind("now", now).bind("code", code.code()).bind("message", truncate(message)).bind("id", t.id()).execute();
        event(h, t.id(), TaskStatus.FAILED, t.attempt(), t.workerId(), code.code(), message, now);
        ended(h, Transition.RESCUED_ENDED, t.id(), now);
    }

    /**
     * Saves the engine's handle on the remote job of the running attempt; false when the worker no longer owns
     * the attempt (it must then not start anything remote).
     */
    boolean saveEngineState(long id, String workerId, int attempt, String stateJson, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE tasks SET engine_state = :state, updated_at = :now
                        WHERE id = :id AND worker_id = :worker AND attempt = :attempt AND status = 'RUNNING'""")
                .bind("state", stateJson).bind("now", now).bind("id", id).bind("worker", workerId).bind("attempt", attempt)
                .execute()) == 1;
    }

    /** The one place a task's end is acted on: the end hook inside the transaction, the listeners after it commits. */
    private void ended(Handle h, Transition transition, long id, long now) {
        if (!transition.ends()) {
            throw new IllegalStateException(transition + " does not end a task");
        }
        endHook.taskEnded(h, id, now);
        if (!listeners.isEmpty()) {
            h.afterCommit(() -> find(id).ifPresent(t -> listeners.forEach(l -> l.taskEnded(t))));
        }
    }

    private static Map<String, Object> states(Transition t) {
        return Map.of("from", t.from.name(), "to", t.to.name());
    }

    /** The contract's failedReason for a cancelled task, shaped like every other failure's (node, type, message). */
    private static String cancelledReason(String node) {
        return "{\"node_name\":\"" + node + "\",\"exception_type\":\"" + ErrorCode.TASK_CANCELLED.name()
                + "\",\"exception_message\":\"" + ErrorCode.TASK_CANCELLED.message() + "\"}";
    }

    /** Tasks of an account by status, for limits and status replies. */
    Counts counts(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END), 0),
                               COALESCE(SUM(CASE WHEN status = 'QUEUED' THEN 1 ELSE 0 END), 0)
                        FROM tasks WHERE account_id = :a AND status IN ('QUEUED', 'RUNNING')""")
                .bind("a", accountId).map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2))).one());
    }

    /** Queued tasks of an account and of a model endpoint: the two limits a submit checks, read in one statement. */
    record Queued(int account, int endpoint) {
    }

    Queued queued(long accountId, String endpoint) {
        return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM tasks WHERE account_id = :a AND status = 'QUEUED'), "
                        + "(SELECT COUNT(*) FROM tasks WHERE endpoint = :e AND status = 'QUEUED')")
                .bind("a", accountId).bind("e", endpoint).map((rs, ctx) -> new Queued(rs.getInt(1), rs.getInt(2))).one());
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
