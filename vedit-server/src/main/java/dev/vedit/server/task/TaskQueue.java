package dev.vedit.server.task;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.Sql;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Update;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the task store: the queue's transitions (enqueue, claim, heartbeat, finish, retry, cancel,
 * rescue), one {@link Transition} each. Every state change is one transaction that checks the state it expects
 * (and, for a worker, that the worker still owns the attempt: {@code owned-attempt.sql}), so a task reaches a
 * terminal state exactly once whatever the races between workers, rescuer and cancel. Reads are {@link TaskReads}.
 */
public final class TaskQueue {
    private static final Logger log = LoggerFactory.getLogger(TaskQueue.class);
    private static final String INSERT = Sql.load(TaskQueue.class, "insert");
    /** In plain JDBC: each submit group runs it (see {@link Sql#positional}). */
    private static final Sql.Positional INSERT_JDBC = Sql.positional(INSERT);
    private static final String CLAIM_ACCOUNTS = Sql.load(TaskQueue.class, "claim-accounts");
    private static final String CLAIM_CANDIDATES = Sql.load(TaskQueue.class, "claim-candidates");
    private static final String CLAIM_CANDIDATES_IN_PROCESS = Sql.load(TaskQueue.class, "claim-candidates-in-process");
    private static final String LOCK_ACCOUNTS = Sql.load(TaskQueue.class, "lock-accounts");
    private static final String RUNNING = Sql.load(TaskQueue.class, "running");
    private static final String CLAIM = Sql.load(TaskQueue.class, "claim");
    private static final String OWNED_ATTEMPT = Sql.load(TaskQueue.class, "owned-attempt");
    private static final String HEARTBEAT = Sql.load(TaskQueue.class, "heartbeat");
    private static final String CANCEL_REQUESTED = Sql.load(TaskQueue.class, "cancel-requested");
    private static final String SUCCEED = Sql.load(TaskQueue.class, "succeed");
    private static final String INSERT_OUTPUT = Sql.load(TaskQueue.class, "insert-output");
    private static final String FAIL = Sql.load(TaskQueue.class, "fail");
    private static final String RETRY_LATER = Sql.load(TaskQueue.class, "retry-later");
    private static final String SAVE_ENGINE_STATE = Sql.load(TaskQueue.class, "save-engine-state");
    private static final String LOCK_FOR_CANCEL = Sql.load(TaskQueue.class, "lock-for-cancel");
    private static final String CANCEL_QUEUED = Sql.load(TaskQueue.class, "cancel-queued");
    private static final String ATTEMPT = Sql.load(TaskQueue.class, "attempt");
    private static final String FLAG_CANCEL = Sql.load(TaskQueue.class, "flag-cancel");
    private static final String STALE = Sql.load(TaskQueue.class, "stale");
    private static final String RESCUE = Sql.load(TaskQueue.class, "rescue");
    private static final String END_RESCUED = Sql.load(TaskQueue.class, "end-rescued");
    /**
     * How many queued tasks of one account a claim locks and looks at beyond the one it expects to take: the slack
     * for candidates whose model is at its limit. The account select already leaves out accounts at their limit (as
     * far as committed rows show); the exact check under the accounts' row locks may still skip a few.
     */
    private static final int CLAIM_WINDOW = 4;
    /**
     * How many accounts, in fairness order, a group of claims looks at, at least (more only matter when the first
     * are all locked); a group of more claims looks at as many accounts as it has claims.
     */
    private static final int CLAIM_ACCOUNTS_LOOKED_AT = 4;

    private final Jdbi jdbi;
    private final ClaimLocking claimLocking;
    /** Claims of this process take turns on it ({@link ClaimLocking#IN_PROCESS} only). */
    private final ReentrantLock claimTurn = new ReentrantLock();
    private final boolean notifySubmits;
    private final TaskEndHook endHook;
    private final List<TaskListener> listeners;

    public TaskQueue(Database db) {
        this(db, TaskEndHook.NONE, List.of());
    }

    /**
     * On PostgreSQL every new task sends a {@code NOTIFY} on {@value QueueListener#CHANNEL}, delivered when its
     * transaction commits, so idle workers on other nodes wake at once; on the embedded database claims are
     * {@link ClaimLocking#IN_PROCESS}.
     *
     * @param endHook   runs in the transaction of every terminal transition (e.g. to record a webhook delivery)
     * @param listeners told after the commit of every terminal transition (e.g. metrics)
     */
    public TaskQueue(Database db, TaskEndHook endHook, List<TaskListener> listeners) {
        this.jdbi = db.jdbi();
        this.claimLocking = db.embedded() ? ClaimLocking.IN_PROCESS : ClaimLocking.ROW_LOCKS;
        this.notifySubmits = db.postgres();
        this.endHook = endHook;
        this.listeners = List.copyOf(listeners);
    }

    /** How concurrent claims keep off each other's candidates. */
    enum ClaimLocking {
        /**
         * Candidates are read {@code FOR UPDATE SKIP LOCKED}: any number of processes claim from one database
         * (PostgreSQL), none waits for or takes another's rows.
         */
        ROW_LOCKS,
        /**
         * The database is held by this process alone (embedded H2): its claims take turns on a lock in memory and
         * read candidates without row locks. H2 locks every row that a {@code FOR UPDATE} query with {@code ORDER BY}
         * matches before it applies the {@code LIMIT} — the account's whole queue, 20–60 ms per claim with 2000
         * queued, all of it rewritten at the commit — and other workers then skip every one of them (issue 15).
         * The claim's update is still guarded by the queued state, so a task cancelled meanwhile is skipped, never
         * claimed; two queues on one embedded database would still be correct, only not take turns.
         */
        IN_PROCESS
    }

    /** What a heartbeat learned about the running attempt. */
    enum Heartbeat { OWNED, CANCEL_REQUESTED, LOST }

    /** What a cancel request did. */
    public enum CancelOutcome { CANCELLED, CANCEL_REQUESTED, ALREADY_FINISHED, NOT_FOUND }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Inserts a task in a transaction of its own (submits go through {@link SubmitBatcher}, which groups them). */
    void insert(Task t) {
        jdbi.useTransaction(h -> insert(h, List.of(t)));
    }

    /**
     * Inserts queued tasks, each with its first event, in the caller's transaction: one JDBC batch per table, so a
     * group of submits costs two round trips instead of two per task.
     */
    void insert(Handle h, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        try (PreparedStatement rows = h.getConnection().prepareStatement(INSERT_JDBC.sql())) {
            for (Task t : tasks) {
                INSERT_JDBC.set(rows, "id", t.id());
                INSERT_JDBC.set(rows, "account", t.accountId());
                INSERT_JDBC.set(rows, "endpoint", t.endpoint());
                INSERT_JDBC.set(rows, "engine", t.engine());
                INSERT_JDBC.set(rows, "request", t.requestJson());
                INSERT_JDBC.set(rows, "plan", t.planJson());
                INSERT_JDBC.set(rows, "webhook", t.webhookUrl());
                INSERT_JDBC.set(rows, "client", t.clientId());
                INSERT_JDBC.set(rows, "maxAttempts", t.maxAttempts());
                INSERT_JDBC.set(rows, "runAfter", t.runAfter());
                INSERT_JDBC.set(rows, "created", t.createdAt());
                rows.addBatch();
            }
            rows.executeBatch();
            TaskRows.submitted(h, tasks);
        } catch (SQLException e) {
            // Kept as the cause: Database.unreachable() finds a lost connection in the chain.
            throw new IllegalStateException("inserting " + tasks.size() + " tasks failed", e);
        }
        QueueEntries.entered(h, tasks.size());
        if (notifySubmits) {
            h.execute("NOTIFY " + QueueListener.CHANNEL);
        }
    }

    /**
     * Claims a task for a worker, fairly across accounts: the account with the fewest running tasks (below its
     * limit) goes first, ties to the one waiting longest, and within an account the oldest task. So each claim
     * goes round the accounts with queued work, and one key's flood of tasks (its concurrency defaults to the
     * worker count) delays another key's task by at most one running task, not by the whole flood.
     *
     * <p>First a plain read picks the accounts in that order (index look-ups per account, no grouping of the whole
     * queue); then one {@code FOR UPDATE SKIP LOCKED} select of the account's oldest queued tasks, every column (so
     * concurrent workers never block on, or take, the same rows, and the claimed task is not read again); then the
     * lock on the account row, to count its running tasks exactly; then the update to RUNNING and its event. Portable
     * SQL: the same statements run on H2 and PostgreSQL. A claim is a group of one: see {@link #endAndClaim}.
     *
     * <p>Round trips of a claim that succeeds at once (issue 15): the accounts, the candidates, the account lock, both
     * counts in one statement, the update, the event, the commit.
     */
    Optional<Task> claim(String workerId, long now, ToIntFunction<String> modelConcurrency) {
        return endAndClaim(List.of(), List.of(workerId), now, modelConcurrency).claimed().getFirst();
    }

    /** What one {@link #endAndClaim} transaction did: per end whether it was recorded, per claimer its task if any. */
    record Batch(List<Boolean> recorded, List<Optional<Task>> claimed) {
    }

    /**
     * Records the ends of several workers' attempts and claims a task for each of several workers, in one
     * transaction: one commit instead of one per end and one per claim (issue 15: on H2 every commit writes the
     * store, and a task's claim and end were two of its three commits). The claims follow the ends, so a slot an end
     * frees is claimable at once, and take tasks in the order that claims one after another would, each counting the ones
     * before it (fairness and limits as for single claims, {@link ClaimRound}), with one statement of each kind for
     * all of them; once one finds nothing, the rest get nothing either. Nothing is
     * recorded unless all of it is: when any statement fails, the whole batch rolls back and the caller records its
     * parts one by one.
     */
    Batch endAndClaim(List<AttemptEnd> ends, List<String> claimers, long now, ToIntFunction<String> modelConcurrency) {
        if (claimers.isEmpty() || claimLocking == ClaimLocking.ROW_LOCKS) {
            return jdbi.inTransaction(h -> batchIn(h, ends, claimers, now, modelConcurrency));
        }
        claimTurn.lock();
        try {
            // The turn lasts until the commit: the next claim reads candidates only once this one's update is visible.
            return jdbi.inTransaction(h -> batchIn(h, ends, claimers, now, modelConcurrency));
        } finally {
            claimTurn.unlock();
        }
    }

    private Batch batchIn(Handle h, List<AttemptEnd> ends, List<String> claimers, long now, ToIntFunction<String> modelConcurrency) {
        // In the order given; successes in a row are written together (one statement of each kind for all of them).
        List<Boolean> recorded = new ArrayList<>(ends.size());
        List<Success> successes = new ArrayList<>();
        for (AttemptEnd end : ends) {
            if (end instanceof Success s && s.queue() == this) {
                successes.add(s);
                continue;
            }
            recordAll(h, successes, recorded);
            recorded.add(end.recordIn(h));
        }
        recordAll(h, successes, recorded);
        List<Optional<Task>> claimed = claimers.isEmpty() ? List.of() : claimIn(h, claimers, now, modelConcurrency);
        return new Batch(List.copyOf(recorded), claimed);
    }

    /**
     * The claims of a group, one statement of each kind for all of them (issue 15: on PostgreSQL a group's claims ran
     * one after another, 8 statements each). The accounts in fairness order with their counts (a plain read), the order
     * played out in memory ({@link ClaimRound}) to know whose candidates to read; those candidates, per account ({@code
     * FOR UPDATE SKIP LOCKED}, or unlocked in the process's turn: {@link ClaimLocking}); the rows of the accounts
     * that have any locked, in id order; the exact running counts of those accounts and of the candidates' models;
     * the round played out again by those counts, and its claims written: one batch of updates, one of events. The
     * lock comes after the reads and before the counts, so that an account's count is exact (every claim of the
     * account commits while holding its row) and the row is held for the counts, the writes and the commit.
     */
    private List<Optional<Task>> claimIn(Handle h, List<String> claimers, long now, ToIntFunction<String> modelConcurrency) {
        ClaimRound round = new ClaimRound(h.createQuery(CLAIM_ACCOUNTS)
                .bind("now", now).bind("accounts", Math.max(CLAIM_ACCOUNTS_LOOKED_AT, claimers.size()))
                .map((rs, ctx) -> new ClaimRound.Account(rs.getLong("id"), rs.getInt("running"), rs.getInt("concurrency"), rs.getLong("oldest")))
                .list());
        List<Long> locked = new ArrayList<>();
        Set<String> endpoints = new HashSet<>();
        round.expectedClaims(claimers.size()).forEach((account, claims) -> {
            account.candidates.addAll(h.createQuery(claimLocking == ClaimLocking.ROW_LOCKS ? CLAIM_CANDIDATES : CLAIM_CANDIDATES_IN_PROCESS)
                    .bind("account", account.id).bind("now", now).bind("window", claims + CLAIM_WINDOW - 1)
                    .map((rs, ctx) -> TaskRows.map(rs))
                    .list());
            if (!account.candidates.isEmpty()) {
                locked.add(account.id);
                account.candidates.forEach(c -> endpoints.add(c.endpoint()));
            }
        });
        List<Optional<Task>> claimed = new ArrayList<>(claimers.size());
        if (!locked.isEmpty()) {
            claimed.addAll(claimIn(h, round, locked, endpoints, claimers, now, modelConcurrency));
        }
        while (claimed.size() < claimers.size()) {
            claimed.add(Optional.empty());
        }
        return List.copyOf(claimed);
    }

    /**
     * The locked part of {@link #claimIn}: the exact counts, the round, its writes. The tasks claimed, in claimers' order
     * (as many as the round took: the claimers after them get nothing).
     */
    private List<Optional<Task>> claimIn(Handle h, ClaimRound round, List<Long> accounts, Set<String> endpoints, List<String> claimers, long now,
                               ToIntFunction<String> modelConcurrency) {
        Map<Long, Integer> limits = new HashMap<>();
        h.createQuery(LOCK_ACCOUNTS).bindList("accounts", accounts)
                .map((rs, ctx) -> limits.put(rs.getLong(1), rs.getInt(2))).list();
        Map<Long, Integer> accountRunning = new HashMap<>();
        Map<String, Integer> modelRunning = new HashMap<>();
        h.createQuery(RUNNING).bindList("accounts", accounts).bindList("endpoints", List.copyOf(endpoints))
                .map((rs, ctx) -> {
                    accountRunning.merge(rs.getLong(1), rs.getInt(3), Integer::sum);
                    modelRunning.merge(rs.getString(2), rs.getInt(3), Integer::sum);
                    return null;
                }).list();
        for (ClaimRound.Account a : round.accounts()) {
            a.running = accountRunning.getOrDefault(a.id, 0);
            a.limit = limits.getOrDefault(a.id, 0); // an account deleted meanwhile: nothing for it
        }
        List<Task> taken = round.take(claimers.size(), modelRunning, modelConcurrency);
        if (taken.isEmpty()) {
            return List.of();
        }
        PreparedBatch updates = h.prepareBatch(CLAIM);
        for (int i = 0; i < taken.size(); i++) {
            updates.bind("from", Transition.CLAIMED.from.name()).bind("to", Transition.CLAIMED.to.name())
                    .bind("worker", claimers.get(i)).bind("now", now).bind("id", taken.get(i).id()).add();
        }
        int[] updated = updates.execute();
        List<Optional<Task>> claims = new ArrayList<>(taken.size());
        List<Task> written = new ArrayList<>(taken.size());
        for (int i = 0; i < taken.size(); i++) {
            // Not 1 only without row locks (IN_PROCESS): a cancel ended the task after the candidates were read. Its
            // claimer gets nothing this time (the claims are already written with their workers' names).
            Optional<Task> claim = updated[i] == 1 ? Optional.of(claimed(taken.get(i), claimers.get(i), now)) : Optional.empty();
            claim.ifPresent(written::add);
            claims.add(claim);
        }
        TaskRows.claimed(h, written);
        return claims;
    }

    /** The queued row as {@code claim.sql} leaves it: this worker's next attempt, started now. */
    private static Task claimed(Task q, String workerId, long now) {
        return new Task(q.id(), q.accountId(), q.endpoint(), q.engine(), Transition.CLAIMED.to, q.requestJson(), q.planJson(),
                q.webhookUrl(), q.clientId(), q.attempt() + 1, q.maxAttempts(), q.runAfter(), workerId, now, q.cancelRequested(), 0,
                q.errorCode(), q.errorMessage(), q.failedReasonJson(), q.createdAt(), now, q.finishedAt(), q.engineState());
    }

    /** Records that the attempt is alive (and its progress); tells whether it was cancelled or lost. */
    Heartbeat heartbeat(long id, String workerId, int attempt, Integer progress, long now) {
        return jdbi.inTransaction(h -> {
            int updated = owned(h, HEARTBEAT, id, workerId, attempt, TaskStatus.RUNNING)
                    .bind("now", now).bind("progress", progress).execute();
            if (updated == 0) {
                return Heartbeat.LOST;
            }
            boolean cancel = h.createQuery(CANCEL_REQUESTED).bind("id", id).mapTo(Boolean.class).one();
            return cancel ? Heartbeat.CANCEL_REQUESTED : Heartbeat.OWNED;
        });
    }

    /**
     * How a worker's attempt ended, to be recorded in a transaction (alone with {@link #record}, or with other
     * workers' ends and claims with {@link #endAndClaim}); {@code recordIn} is false when the worker no longer owns
     * the attempt, and then records nothing.
     */
    @FunctionalInterface
    interface AttemptEnd {
        boolean recordIn(Handle h);
    }

    /** Records one attempt's end in a transaction of its own; false when the worker no longer owns it. */
    boolean record(AttemptEnd end) {
        return jdbi.inTransaction(end::recordIn);
    }

    /** Ends an attempt in SUCCESS with its outputs; false when the worker no longer owns it. */
    boolean succeed(long id, String workerId, int attempt, List<TaskOutput> outputs, long now) {
        return record(succeeded(id, workerId, attempt, outputs, now));
    }

    /** Ends an attempt, and the task, in FAILED; false when the worker no longer owns it. */
    boolean fail(long id, String workerId, int attempt, ErrorCode code, String message, String failedReasonJson, long now) {
        return record(failed(id, workerId, attempt, code, message, failedReasonJson, now));
    }

    /** Ends a failed attempt and puts the task back in the queue, not before {@code runAfter}. */
    boolean retryLater(long id, String workerId, int attempt, long runAfter, ErrorCode code, String message, long now) {
        return record(retriedLater(id, workerId, attempt, runAfter, code, message, now));
    }

    /** The end of an attempt in SUCCESS with its outputs. */
    AttemptEnd succeeded(long id, String workerId, int attempt, List<TaskOutput> outputs, long now) {
        return new Success(id, workerId, attempt, outputs, now);
    }

    /**
     * The end of an attempt in SUCCESS, the common end: the successes of a group ({@link #endAndClaim}) are written
     * together, one statement of each kind for all of them ({@link #recordSuccesses}).
     */
    private final class Success implements AttemptEnd {
        final long id;
        final String workerId;
        final int attempt;
        final List<TaskOutput> outputs;
        final long now;

        Success(long id, String workerId, int attempt, List<TaskOutput> outputs, long now) {
            this.id = id;
            this.workerId = workerId;
            this.attempt = attempt;
            this.outputs = List.copyOf(outputs);
            this.now = now;
        }

        @Override
        public boolean recordIn(Handle h) {
            return recordSuccesses(h, List.of(this)).getFirst();
        }

        /** The queue that made it: only its own successes are written with its others (its hook, its listeners). */
        TaskQueue queue() {
            return TaskQueue.this;
        }
    }

    /** Records {@code successes} (then empties the list), adding whether each was recorded to {@code recorded}. */
    private void recordAll(Handle h, List<Success> successes, List<Boolean> recorded) {
        if (!successes.isEmpty()) {
            recorded.addAll(recordSuccesses(h, successes));
            successes.clear();
        }
    }

    /**
     * Records successes in the caller's transaction (issue 15: a group's ends were three statements each): one batch
     * of guarded updates, one of the outputs of those that were still their workers', one read of the ended rows,
     * one batch of their events; then the end hook and the listeners for each, as for every end. Per success whether
     * it was recorded (false when its worker no longer owned the attempt).
     */
    private List<Boolean> recordSuccesses(Handle h, List<Success> successes) {
        PreparedBatch updates = h.prepareBatch(SUCCEED).define("ownedAttempt", OWNED_ATTEMPT);
        for (Success s : successes) {
            updates.bind("id", s.id).bind("worker", s.workerId).bind("attempt", s.attempt)
                    .bind("from", Transition.SUCCEEDED.from.name()).bind("to", Transition.SUCCEEDED.to.name()).bind("now", s.now).add();
        }
        int[] updated = updates.execute();
        List<Boolean> recorded = new ArrayList<>(successes.size());
        List<Long> ids = new ArrayList<>(successes.size());
        PreparedBatch outputs = h.prepareBatch(INSERT_OUTPUT);
        for (int i = 0; i < successes.size(); i++) {
            Success s = successes.get(i);
            recorded.add(updated[i] == 1);
            if (updated[i] == 1) {
                ids.add(s.id);
                for (TaskOutput o : s.outputs) {
                    outputs.bind("id", s.id).bind("idx", o.index()).bind("key", o.mediaKey()).bind("type", o.outputType())
                            .bind("node", o.nodeId()).bind("token", o.linkToken()).add();
                }
            }
        }
        if (ids.isEmpty()) {
            return recorded;
        }
        if (outputs.size() > 0) {
            outputs.execute();
        }
        List<Task> ended = TaskRows.find(h, ids);
        TaskRows.finished(h, ended);
        for (Task t : ended) {
            ended(h, t, t.finishedAt());
        }
        return recorded;
    }

    /** The end of an attempt, and of the task, in FAILED. */
    AttemptEnd failed(long id, String workerId, int attempt, ErrorCode code, String message, String failedReasonJson, long now) {
        return h -> {
            int updated = ownedTransition(h, FAIL, Transition.FAILED, id, workerId, attempt)
                    .bind("now", now).bind("code", code.code()).bind("message", TaskRows.truncate(message)).bind("reason", failedReasonJson)
                    .execute();
            if (updated == 0) {
                return false;
            }
            TaskRows.event(h, id, TaskStatus.FAILED, attempt, workerId, code.code(), message, now);
            ended(h, Transition.FAILED, id, now);
            return true;
        };
    }

    /** The end of a failed attempt that puts the task back in the queue, not before {@code runAfter}. */
    AttemptEnd retriedLater(long id, String workerId, int attempt, long runAfter, ErrorCode code, String message, long now) {
        return h -> {
            int updated = ownedTransition(h, RETRY_LATER, Transition.RETRY_SCHEDULED, id, workerId, attempt)
                    .bind("runAfter", runAfter).bind("now", now).bind("code", code.code()).bind("message", TaskRows.truncate(message))
                    .execute();
            if (updated == 0) {
                return false;
            }
            TaskRows.event(h, id, TaskStatus.QUEUED, attempt, workerId, code.code(), "retry scheduled after: " + message, now);
            QueueEntries.entered(h, 1);
            return true;
        };
    }

    /**
     * Cancels a task of the account: a queued one ends at once (FAILED, code 2002); a running one is
     * flagged, and its worker stops it at its next heartbeat.
     */
    public CancelOutcome requestCancel(long id, long accountId, long now) {
        return jdbi.inTransaction(h -> {
            Optional<String> status = h.createQuery(LOCK_FOR_CANCEL).bind("id", id).bind("account", accountId).mapTo(String.class).findOne();
            if (status.isEmpty()) {
                return CancelOutcome.NOT_FOUND;
            }
            switch (TaskStatus.valueOf(status.get())) {
                case QUEUED -> {
                    transition(h, CANCEL_QUEUED, Transition.CANCELLED_QUEUED).bind("reason", cancelledReason("queue"))
                            .bind("now", now).bind("code", ErrorCode.TASK_CANCELLED.code())
                            .bind("message", ErrorCode.TASK_CANCELLED.message()).bind("id", id).execute();
                    int attempt = h.createQuery(ATTEMPT).bind("id", id).mapTo(Integer.class).one();
                    TaskRows.event(h, id, TaskStatus.FAILED, attempt, null, ErrorCode.TASK_CANCELLED.code(), "cancelled while queued", now);
                    ended(h, Transition.CANCELLED_QUEUED, id, now);
                    return CancelOutcome.CANCELLED;
                }
                case RUNNING -> {
                    h.createUpdate(FLAG_CANCEL).bind("now", now).bind("id", id).execute();
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
            List<Task> stale = h.createQuery(STALE).bind("before", staleBefore).map((rs, ctx) -> TaskRows.map(rs)).list();
            for (Task t : stale) {
                if (t.cancelRequested()) {
                    endRescued(h, t, ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), cancelledReason("worker"), now);
                } else if (t.attempt() >= t.maxAttempts()) {
                    endRescued(h, t, ErrorCode.RETRIES_EXHAUSTED, ErrorCode.RETRIES_EXHAUSTED.message(
                            "the worker running attempt " + t.attempt() + " of " + t.maxAttempts() + " stopped responding",
                            "执行第 " + t.attempt() + "/" + t.maxAttempts() + " 次尝试的工作进程已失去响应"), null, now);
                } else {
                    transition(h, RESCUE, Transition.RESCUED).bind("retryAt", retryAt).bind("now", now).bind("id", t.id()).execute();
                    TaskRows.event(h, t.id(), TaskStatus.QUEUED, t.attempt(), t.workerId(), null, "re-queued: worker " + t.workerId()
                            + " stopped heart-beating", now);
                    QueueEntries.entered(h, 1);
                }
            }
            return stale.size();
        });
    }

    private void endRescued(Handle h, Task t, ErrorCode code, String message, String failedReasonJson, long now) {
        transition(h, END_RESCUED, Transition.RESCUED_ENDED).bind("reason", failedReasonJson)
                .bind("now", now).bind("code", code.code()).bind("message", TaskRows.truncate(message)).bind("id", t.id()).execute();
        TaskRows.event(h, t.id(), TaskStatus.FAILED, t.attempt(), t.workerId(), code.code(), message, now);
        ended(h, Transition.RESCUED_ENDED, t.id(), now);
    }

    /**
     * Saves the engine's handle on the remote job of the running attempt; false when the worker no longer owns
     * the attempt (it must then not start anything remote).
     */
    boolean saveEngineState(long id, String workerId, int attempt, String stateJson, long now) {
        return jdbi.withHandle(h -> owned(h, SAVE_ENGINE_STATE, id, workerId, attempt, TaskStatus.RUNNING)
                .bind("state", stateJson).bind("now", now).execute()) == 1;
    }

    /** A statement of one {@link Transition}: its {@code :from} and {@code :to} bound from the table. */
    private static Update transition(Handle h, String sql, Transition t) {
        return h.createUpdate(sql).bind("from", t.from.name()).bind("to", t.to.name());
    }

    /** A worker's transition of its own attempt: the table's states and the ownership guard. */
    private static Update ownedTransition(Handle h, String sql, Transition t, long id, String workerId, int attempt) {
        return owned(h, sql, id, workerId, attempt, t.from).bind("to", t.to.name());
    }

    /** A statement guarded by {@code <ownedAttempt>}: the guard spliced in (written once, in its file) and bound. */
    private static Update owned(Handle h, String sql, long id, String workerId, int attempt, TaskStatus from) {
        return h.createUpdate(sql).define("ownedAttempt", OWNED_ATTEMPT)
                .bind("id", id).bind("worker", workerId).bind("attempt", attempt).bind("from", from.name());
    }

    /**
     * The one place a task's end is acted on: the ended row read once in this transaction (it just wrote it), the
     * end hook inside the transaction with it, the listeners after the commit with the same row, rather than a
     * second connection's read after it (issue 15).
     */
    private void ended(Handle h, Transition transition, long id, long now) {
        if (!transition.ends()) {
            throw new IllegalStateException(transition + " does not end a task");
        }
        ended(h, TaskRows.find(h, id).orElseThrow(() -> new IllegalStateException("task " + id + " ended but is not there")), now);
    }

    /** {@link #ended(Handle, Transition, long, long)} with the ended row already read (for several: {@link #recordSuccesses}). */
    private void ended(Handle h, Task ended, long now) {
        endHook.taskEnded(h, ended, now);
        if (!listeners.isEmpty()) {
            h.afterCommit(() -> listeners.forEach(l -> tell(l, ended)));
        }
    }

    /**
     * A listener is told after the commit: its failure is logged, never thrown, since the transition is recorded by
     * then, and a transaction that also claimed other workers' next tasks ({@link #endAndClaim}) must not look failed
     * to them (they would drop tasks claimed for them, left running until the rescuer re-queues them).
     */
    private static void tell(TaskListener listener, Task ended) {
        try {
            listener.taskEnded(ended);
        } catch (RuntimeException e) {
            log.error("a listener failed on the end of task {}", ended.id(), e);
        }
    }

    /** The contract's failedReason for a cancelled task, shaped like every other failure's (node, type, message). */
    private static String cancelledReason(String node) {
        return "{\"node_name\":\"" + node + "\",\"exception_type\":\"" + ErrorCode.TASK_CANCELLED.name()
                + "\",\"exception_message\":\"" + ErrorCode.TASK_CANCELLED.message() + "\"}";
    }
}
