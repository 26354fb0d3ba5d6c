package dev.vedit.server.task;

import dev.vedit.server.db.Sql;
import dev.vedit.wire.TaskStatus;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The read side of the task store: tasks, their outputs and history, and counts. Nothing here changes a row, so
 * any node (api or worker) may read at any time; every change goes through {@link TaskQueue}.
 */
public final class TaskReads {
    private static final String OUTPUTS = Sql.load(TaskReads.class, "outputs");
    private static final String EVENTS = Sql.load(TaskReads.class, "events");
    private static final String COUNTS = Sql.load(TaskReads.class, "counts");
    private static final String QUEUED = Sql.load(TaskReads.class, "queued");
    private static final String QUEUED_OF_ACCOUNT_UP_TO = Sql.load(TaskReads.class, "queued-of-account-up-to");
    private static final String QUEUED_OF_ENDPOINT_UP_TO = Sql.load(TaskReads.class, "queued-of-endpoint-up-to");
    private static final String PAGE = Sql.load(TaskReads.class, "page");
    private static final String COUNTS_BY_MODEL = Sql.load(TaskReads.class, "counts-by-model");

    private final Jdbi jdbi;

    public TaskReads(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Task> find(long id) {
        return jdbi.withHandle(h -> TaskRows.find(h, id));
    }

    /** {@link #find(long)} with a row lock, waiting for a transaction that is changing the row (see {@link QueryReplies}). */
    Optional<Task> findLocking(long id) {
        return jdbi.withHandle(h -> TaskRows.findLocking(h, id));
    }

    /** The task if it exists and belongs to the account; another account's task is as unknown as a missing one. */
    public Optional<Task> find(long id, long accountId) {
        return find(id).filter(t -> t.accountId() == accountId);
    }

    public List<TaskOutput> outputs(long taskId) {
        return jdbi.withHandle(h -> h.createQuery(OUTPUTS)
                .bind("id", taskId)
                .map((rs, ctx) -> new TaskOutput(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list());
    }

    /** The status history and per-attempt errors, oldest first. */
    public List<TaskEvent> events(long taskId) {
        return jdbi.withHandle(h -> h.createQuery(EVENTS)
                .bind("id", taskId)
                .map((rs, ctx) -> new TaskEvent(rs.getLong(1), TaskStatus.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list());
    }

    /** Tasks of an account by status, for limits and status replies. */
    Counts counts(long accountId) {
        return jdbi.withHandle(h -> h.createQuery(COUNTS)
                .bind("account", accountId).map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2))).one());
    }

    /** Queued tasks of an account and of a model endpoint: the two limits a submit checks, in one round trip. */
    record Queued(int account, int endpoint) {
    }

    Queued queued(long accountId, String endpoint) {
        return jdbi.withHandle(h -> queued(h, accountId, endpoint));
    }

    /** {@link #queued(long, String)} in the caller's transaction. */
    static Queued queued(Handle h, long accountId, String endpoint) {
        return h.createQuery(QUEUED).bind("account", accountId).bind("endpoint", endpoint)
                .map((rs, ctx) -> new Queued(rs.getInt(1), rs.getInt(2))).one();
    }

    /**
     * {@link #queued}, each count stopping at its limit: enough to tell whether a limit is reached, at a cost bounded
     * by the limit instead of growing with the queue.
     */
    Queued queuedUpTo(long accountId, int accountLimit, String endpoint, int endpointLimit) {
        return jdbi.withHandle(h -> new Queued(queuedOfAccountUpTo(h, accountId, accountLimit), queuedOfEndpointUpTo(h, endpoint, endpointLimit)));
    }

    /** The account's queued tasks, counted up to {@code limit}. */
    static int queuedOfAccountUpTo(Handle h, long accountId, int limit) {
        return h.createQuery(QUEUED_OF_ACCOUNT_UP_TO).bind("account", accountId).bind("limit", Math.max(0, limit)).mapTo(Integer.class).one();
    }

    /** The model's queued tasks, counted up to {@code limit}. */
    static int queuedOfEndpointUpTo(Handle h, String endpoint, int limit) {
        return h.createQuery(QUEUED_OF_ENDPOINT_UP_TO).bind("endpoint", endpoint).bind("limit", Math.max(0, limit)).mapTo(Integer.class).one();
    }

    /**
     * One page of an account's tasks, newest first (ids grow with submit time). Fetches one row more than
     * asked so the caller learns whether an older page exists without a count query.
     */
    List<Task> page(long accountId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery(PAGE)
                .bind("account", accountId).bind("limit", limit).bind("offset", offset).map((rs, ctx) -> TaskRows.map(rs)).list());
    }

    /** Tasks of one account by state. */
    public record Counts(int running, int queued) {
    }

    /** How many tasks each model endpoint has in each state, for metrics. */
    public List<StatusCount> countsByModel() {
        return jdbi.withHandle(h -> h.createQuery(COUNTS_BY_MODEL)
                .map((rs, ctx) -> new StatusCount(rs.getString(1), TaskStatus.valueOf(rs.getString(2)), rs.getLong(3))).list());
    }

    /** The number of tasks of one model endpoint in one state. */
    public record StatusCount(String endpoint, TaskStatus status, long count) {
    }
}
