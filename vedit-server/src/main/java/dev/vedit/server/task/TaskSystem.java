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

    private TaskSystem(TaskService service, WorkerPool workers, TaskStore store) {
        this.service = service;
        this.workers = workers;
        this.store = store;
    }

    /**
     * Assembles and starts the task system.
     *
     * @param workRoot where attempts get their private work dirs
     * @param endHook  runs in the transaction of every terminal transition (webhook deliveries)
     */
    public static TaskSystem start(Database db, EngineRouter engines, TaskMedia media, SubmitMedia submitMedia, MediaChecks checks,
                                   QueueSettings settings, Path workRoot, Clock clock, ObjectMapper json, List<TaskListener> listeners, TaskEndHook endHook) {
        TaskStore store = new TaskStore(db.jdbi(), endHook);
        QueueSignal signal = new QueueSignal();
        WorkerPool workers = null;
        if (settings.workers() > 0) {
            workers = new WorkerPool(store, new TaskRunner(json, engines, media, checks), signal, settings, workRoot, clock, json, listeners);
        }
        TaskService service = new TaskService(store, engines, submitMedia, media, signal, settings, workers, clock, json);
        if (workers != null) {
            workers.start(db.embedded());
        }
        return new TaskSystem(service, workers, store);
    }

    public TaskService service() {
        return service;
    }

    public TaskStore store() {
        return store;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.close();
        }
    }
}
