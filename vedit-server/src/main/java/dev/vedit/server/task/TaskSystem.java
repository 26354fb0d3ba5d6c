package dev.vedit.server.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.db.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The task system of one process, assembled: store, queue signal, workers (if any) and the service over them. */
public final class TaskSystem implements AutoCloseable {
    private final TaskService service;
    private final WorkerPool workers;
    private final TaskStore store;
    private final QueueListener listener;

    private TaskSystem(TaskService service, WorkerPool workers, TaskStore store, QueueListener listener) {
        this.service = service;
        this.workers = workers;
        this.store = store;
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
        TaskStore store = new TaskStore(db.jdbi(), db.postgres(), endHook, listeners);
        QueueSignal signal = new QueueSignal();
        WorkerPool workers = null;
        if (settings.workers() > 0) {
            workers = new WorkerPool(store, new TaskRunner(json, engines, media, checks), signal, settings, workRoot, clock, json);
        }
        TaskService service = new TaskService(store, engines, submitMedia, media, signal, settings, workers, clock, json);
        QueueListener listener = null;
        if (workers != null) {
            workers.start(db.embedded());
            if (db.postgres() && !pollOnly) {
                listener = QueueListener.start(db, signal);
            }
        }
        return new TaskSystem(service, workers, store, listener);
    }

    public TaskService service() {
        return service;
    }

    public TaskStore store() {
        return store;
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        if (workers != null) {
            workers.close();
        }
    }
}
