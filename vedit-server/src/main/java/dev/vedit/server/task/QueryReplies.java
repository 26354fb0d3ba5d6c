package dev.vedit.server.task;

import dev.vedit.server.db.Database;
import dev.vedit.server.db.Sql;
import dev.vedit.wire.TaskStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encoded query replies of this process's tasks, on the embedded H2 database only: a client polls a task many times
 * between its changes, and reading the row and encoding the reply were most of what a query cost beyond the HTTP stack.
 * Only a reply that nothing but a change of the row can change is kept ({@link #keepable}: not while it runs, whose
 * progress and cost time move without a write). Every update or delete of a task, by any writer, drops that task's
 * reply inside the changing statement, before its commit ({@link TaskChangeTrigger}).
 *
 * <p>Why a reply is kept only from a locking read stamped before it ({@link #stamp}, then {@code FOR UPDATE}): the
 * trigger fires before the writer commits, and a plain read in that window still sees the old, committed row; kept
 * under the stamp of a read that began after the trigger, it would answer for good. A locking read waits for the
 * writer's commit and sees the new row; a change whose trigger fires after the stamp moves the generation, and a reply
 * stamped before it is never kept. On PostgreSQL other nodes change tasks and no trigger here hears of it: nothing is
 * kept there.
 */
final class QueryReplies implements TaskChanges.Listener, AutoCloseable {
    private static final String TASKS_TRIGGER = Sql.load(QueryReplies.class, "tasks-trigger");
    private static final String DATABASE_PATH = Sql.load(QueryReplies.class, "database-path");
    /** Past this many kept replies the map starts over: polled tasks fill it again on their next query. */
    static final int MAX_ENTRIES = 4096;
    /** A longer reply (many results, a long plan) is encoded on every query, so the memory kept stays bounded (16 MiB). */
    static final int MAX_REPLY_BYTES = 4096;

    /** A kept reply and the account it belongs to: another account's query of the task is answered "not found". */
    record Reply(long accountId, byte[] json) {
    }

    private final TaskChanges.Database database;
    private final Map<Long, Reply> replies = new ConcurrentHashMap<>();

    private QueryReplies(TaskChanges.Database database) {
        this.database = database;
        if (database != null) {
            database.subscribe(this);
        }
    }

    /** Keeps nothing: every query reads its task (PostgreSQL, an in-memory database). */
    static QueryReplies none() {
        return new QueryReplies(null);
    }

    /** Replies kept for a serving node on the embedded database (the trigger installed here); on PostgreSQL {@link #none}. */
    static QueryReplies forService(Database db) {
        if (!db.embedded()) {
            return none();
        }
        String path = db.jdbi().withHandle(h -> {
            h.execute(TASKS_TRIGGER);
            return h.createQuery(DATABASE_PATH).mapTo(String.class).findOne().orElse(null);
        });
        return path == null ? none() : new QueryReplies(TaskChanges.of(path));
    }

    /** Whether this reply of the task depends on the row alone (not on the clock, not on a running attempt's progress). */
    static boolean keepable(Task task) {
        return task.status() != TaskStatus.RUNNING && (task.startedAt() == null || task.finishedAt() != null);
    }

    /** The kept reply of the task, or {@code null}. */
    Reply get(long taskId) {
        return database != null && database.holds() ? replies.get(taskId) : null;
    }

    /** The stamp for a read that begins now; negative: keep nothing read now (nothing is kept, or this JVM does not hold the file). */
    long stamp() {
        return database == null ? -1 : database.generation();
    }

    /** Keeps a reply read under {@code stamp} if no task changed since (the generation moves before a change is heard). */
    synchronized void put(long taskId, Reply reply, long stamp) {
        if (stamp < 0 || reply.json().length > MAX_REPLY_BYTES || database.generation() != stamp) {
            return;
        }
        if (replies.size() >= MAX_ENTRIES) {
            replies.clear();
        }
        replies.put(taskId, reply);
    }

    @Override
    public synchronized void changed(long taskId) {
        replies.remove(taskId);
    }

    @Override
    public synchronized void reset() {
        replies.clear();
    }

    @Override
    public void close() {
        if (database != null) {
            database.unsubscribe(this);
        }
        reset();
    }
}
