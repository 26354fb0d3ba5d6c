package dev.vedit.server.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The task system of one process, assembled: queue and read side of the store, queue signal, workers (if any) and the service over them. */
public final class TaskSystem implements AutoCloseable {
    private final TaskService service;
    private final WorkerPool workers;
    private final TaskReads reads;
    private final QueueListener listener;
    private final QueryReplies replies;

    private TaskSystem(TaskService service, WorkerPool workers, TaskReads reads, QueueListener listener, QueryReplies replies) {
        this.service = service;
        this.replies = replies;
        this.workers = workers;
        this.reads = reads;
        this.listener = listener;
    }

    /**
     * Assembles and starts the task system.
     *
     * @param workRoot where attempts get their private work dirs
     * @param endHook  runs in the transaction of every terminal transition (webhook deliveries)
     * @param pollOnly on PostgreSQL, do not hold a LISTEN connection: workers find tasks submitted elsewhere by polling
     */
    public static TaskSystem start(Database db, EngineRouter engines, TaskMedia media, SubmitMedia submitMedia, InputChecks checks,
                                   QueueSettings settings, Path workRoot, Clock clock, ObjectMapper json, List<TaskListener> listeners,
                                   TaskEndHook endHook, boolean pollOnly) {
        // Every submit NOTIFYs on PostgreSQL (cheap, and it passes through connection poolers); only LISTENing is optional.
        TaskQueue queue = new TaskQueue(db, endHook, listeners);
        TaskReads reads = new TaskReads(db.jdbi());
        QueueSignal signal = new QueueSignal();
        WorkerPool workers = null;
        if (settings.workers() > 0) {
            workers = new WorkerPool(queue, new TaskRunner(json, engines, media, checks), signal, settings, workRoot, clock, json);
        }
        QueryReplies replies = QueryReplies.forService(db);
        TaskService service = new TaskService(queue, reads, replies, engines, submitMedia, media, signal, settings, workers, clock, json);
        QueueListener listener = null;
        if (workers != null) {
            workers.start(db.embedded());
            if (db.postgres() && !pollOnly) {
                listener = QueueListener.start(db, signal);
            }
        }
        return new TaskSystem(service, workers, reads, listener, replies);
    }

    public TaskService service() {
        return service;
    }

    /** The read side of the store (tasks by id, counts); changes go through the service and the workers. */
    public TaskReads reads() {
        return reads;
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (workers != null) {
            workers.close();
        }
        replies.close();
    }
}
