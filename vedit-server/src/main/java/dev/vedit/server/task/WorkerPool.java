package dev.vedit.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.db.Database;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.files.DirectoryTree;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of this process: each claims a task, runs one attempt and records how it ended. Running
 * attempts heartbeat; a rescuer on every node re-queues attempts whose worker went silent.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);

    private final TaskQueue queue;
    private final TaskRunner runner;
    private final QueueSignal signal;
    private final QueueSettings settings;
    private final Path workRoot;
    private final Clock clock;
    private final ObjectMapper json;
    private final String nodeId = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final WorkerBatches batches;
    private final Map<Long, RunHandle> active = new ConcurrentHashMap<>();
    /**
     * The last percent of attempts that have ended but whose end is not recorded yet: a query in that moment would
     * otherwise read the stored figure of the last heartbeat and see the progress fall (78 %, then 61 %, then done).
     */
    private final Map<Long, Integer> ending = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vedit-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running;

    WorkerPool(TaskQueue queue, TaskRunner runner, QueueSignal signal, QueueSettings settings, Path workRoot, Clock clock,
               ObjectMapper json) {
        this.queue = queue;
        this.runner = runner;
        this.signal = signal;
        this.settings = settings;
        this.workRoot = workRoot;
        this.clock = clock;
        this.json = json;
        this.batches = new WorkerBatches(queue, clock::millis, WorkerPool::modelConcurrency);
    }

    /**
     * Starts the rescuer and the workers. With {@code exclusiveDatabase} (embedded H2, held by this process
     * alone) every task still RUNNING belongs to a process that died, so it is re-queued at once.
     */
    void start(boolean exclusiveDatabase) {
        running = true;
        cleanWorkRoot();
        if (exclusiveDatabase) {
            int n = queue.rescueStale(Long.MAX_VALUE, clock.millis(), clock.millis());
            if (n > 0) {
                log.info("re-queued {} task(s) left running by a previous process", n);
            }
        }
        long beat = settings.heartbeatInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::heartbeats, beat, beat, TimeUnit.MILLISECONDS);
        long rescue = Math.max(1000, settings.staleAfter().toMillis() / 3);
        ticker.scheduleWithFixedDelay(this::rescue, rescue, rescue, TimeUnit.MILLISECONDS);
        for (int i = 0; i < settings.workers(); i++) {
            String workerId = nodeId + "-w" + i;
            Thread t = Thread.ofPlatform().name("vedit-" + workerId).daemon(true).start(() -> loop(workerId));
            threads.add(t);
        }
    }

    /** Stops the attempt of a task if it runs in this process; true when it did. */
    boolean cancelLocally(long taskId) {
        RunHandle handle = active.get(taskId);
        if (handle == null) {
            return false;
        }
        handle.stop(RunHandle.StopReason.CANCELLED);
        return true;
    }

    /** Live progress of an attempt running in this process, or ending in it, fresher than the stored one. */
    Optional<Integer> localProgress(long taskId) {
        RunHandle running = active.get(taskId);
        return running != null ? Optional.of(running.percent()) : Optional.ofNullable(ending.get(taskId));
    }

    /**
     * A worker: claims a task, runs it, then records its end and claims the next in one request to {@link #batches}
     * (one transaction, shared with the other workers' requests of the moment); sleeps on the signal when the queue
     * has nothing for it.
     */
    private void loop(String workerId) {
        Optional<Task> next = Optional.empty();
        while (running || next.isPresent()) {
            long seen = signal.generation();
            try {
                WorkerBatches.Outcome outcome;
                if (next.isPresent()) {
                    Task task = next.get();
                    try {
                        Ending end = running ? execute(workerId, task) : notStarted(workerId, task);
                        if (end != null) {
                            outcome = record(workerId, task, end);
                        } else if (running) {
                            outcome = batches.submit(workerId, null, true);
                        } else {
                            return;
                        }
                    } finally {
                        ending.remove(task.id());
                    }
                } else {
                    outcome = batches.submit(workerId, null, true);
                }
                if (outcome.failure() != null) {
                    throw outcome.failure();
                }
                next = outcome.next();
                if (next.isEmpty() && running) {
                    signal.await(seen, settings.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be briefly unreachable: keep the worker alive and try again shortly.
                next = Optional.empty();
                log.warn("{}: claiming failed: {}", workerId, e.toString());
                Waits.sleep(settings.pollInterval().toMillis() * 4);
            }
        }
    }

    /** How an attempt ended, to be recorded; {@code what} is for the log. */
    private record Ending(TaskQueue.AttemptEnd write, String what) {
    }

    /**
     * Records an attempt's end and, while the pool runs, claims the worker's next task with it. When that shared
     * transaction fails, the end is recorded alone, retried while the database is briefly unreachable, and the claim
     * made after it.
     */
    private WorkerBatches.Outcome record(String workerId, Task task, Ending end) {
        WorkerBatches.Outcome outcome = batches.submit(workerId, end.write(), running);
        if (outcome.failure() == null) {
            logEnd(task, end, outcome.recorded());
            if (!(running && outcome.next().isEmpty())) {
                // The end may have freed a slot (of the account, of the model) that an idle worker can now take; not
                // when this worker's own claim, after the end, found nothing: then neither would theirs.
                signal.wake();
            }
            return outcome;
        }
        log.warn("task {}: recording '{}' with other workers' writes failed ({}); recording it alone", task.id(), end.what(),
                outcome.failure().toString());
        finish(task, end);
        return running ? batches.submit(workerId, null, true) : new WorkerBatches.Outcome(false, Optional.empty(), null);
    }

    /** A task claimed as the pool was closing: put back in the queue at once, unstarted. */
    private Ending notStarted(String workerId, Task task) {
        long now = clock.millis();
        return new Ending(queue.retriedLater(task.id(), workerId, task.attempt(), now, ErrorCode.SERVICE_UNAVAILABLE,
                "the node shut down before the attempt started", now), "re-queued at shutdown");
    }

    private static int modelConcurrency(String endpoint) {
        return ModelCatalog.standard().byPath(endpoint).map(ModelSpec::limits).map(l -> l.concurrencyLimit()).orElse(100);
    }

    /** Runs one attempt; returns how it ended, or {@code null} when another worker owns the task now. */
    private Ending execute(String workerId, Task task) {
        Path workDir = workRoot.resolve(task.id() + "-" + task.attempt());
        RunHandle handle = new RunHandle(task, workDir, settings.taskTimeout(), clock.millis(),
                state -> queue.saveEngineState(task.id(), workerId, task.attempt(), state, clock.millis()));
        active.put(task.id(), handle);
        // Every log line of this attempt carries the task id (see logback.xml).
        org.slf4j.MDC.put("task", task.taskId());
        log.info("task {} attempt {}/{} started on {}", task.id(), task.attempt(), task.maxAttempts(), workerId);
        try {
            Files.createDirectories(workDir);
            List<TaskOutput> outputs = runner.run(task, handle);
            if (handle.cancelled()) {
                throw TaskRunner.cancelled();
            }
            return new Ending(queue.succeeded(task.id(), workerId, task.attempt(), outputs, clock.millis()), "succeeded");
        } catch (EngineFailure failure) {
            return ended(workerId, task, handle, failure);
        } catch (IOException | RuntimeException e) {
            if (Database.unreachable(e)) {
                // An outage, not a bug: the attempt is retried once the database answers again.
                log.warn("task {} attempt {}: database unreachable ({})", task.id(), task.attempt(), e.toString());
                return ended(workerId, task, handle, new EngineFailure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(
                        "the database was unreachable during the attempt", "执行期间数据库不可用"), true, "worker", e));
            } else {
                log.error("task {} attempt {} failed unexpectedly", task.id(), task.attempt(), e);
                return ended(workerId, task, handle, new EngineFailure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message(
                        "the worker failed unexpectedly (" + e.getClass().getSimpleName() + ")", "工作进程意外失败"), true, "worker", e));
            }
        } finally {
            ending.put(task.id(), handle.percent()); // before the removal: a query finds one or the other
            active.remove(task.id());
            deleteTree(workDir);
            org.slf4j.MDC.remove("task");
        }
    }

    private Ending ended(String workerId, Task task, RunHandle handle, EngineFailure failure) {
        long now = clock.millis();
        RunHandle.StopReason stop = handle.stopReason();
        if (stop == RunHandle.StopReason.LOST) {
            log.warn("task {} attempt {} abandoned: another worker owns it now", task.id(), task.attempt());
            return null;
        }
        if (stop == RunHandle.StopReason.SHUTDOWN) {
            return new Ending(queue.retriedLater(task.id(), workerId, task.attempt(), now, ErrorCode.SERVICE_UNAVAILABLE,
                    "the node shut down during the attempt", now), "re-queued at shutdown");
        }
        if (stop == RunHandle.StopReason.CANCELLED) {
            EngineFailure cancelled = TaskRunner.cancelled();
            return new Ending(queue.failed(task.id(), workerId, task.attempt(), ErrorCode.TASK_CANCELLED,
                    ErrorCode.TASK_CANCELLED.message(), reasonJson(cancelled), now), "cancelled");
        }
        if (stop == RunHandle.StopReason.TIMED_OUT) {
            failure = new EngineFailure(ErrorCode.TASK_TIMEOUT, ErrorCode.TASK_TIMEOUT.message(
                    "the attempt ran longer than " + settings.taskTimeout().toSeconds() + " s",
                    "本次执行超过 " + settings.taskTimeout().toSeconds() + " 秒"), false, "worker", null);
        }
        EngineFailure f = failure;
        if (f.transientFailure() && task.attempt() < task.maxAttempts()) {
            long delay = settings.backoffMillis(task.attempt(), ThreadLocalRandom.current().nextDouble());
            log.info("task {} attempt {} failed ({}), retrying in {} ms", task.id(), task.attempt(), f.getMessage(), delay);
            return new Ending(queue.retriedLater(task.id(), workerId, task.attempt(), now + delay, f.code(), f.getMessage(), now),
                    "retry scheduled");
        }
        String message = f.transientFailure() && task.maxAttempts() > 1
                ? f.getMessage() + " (after " + task.attempt() + " attempts)"
                : f.getMessage();
        return new Ending(queue.failed(task.id(), workerId, task.attempt(), f.code(), message, reasonJson(f), now), "failed");
    }

    /** Records an attempt's end alone, retrying the write while the database is briefly unreachable. */
    private void finish(Task task, Ending end) {
        for (int i = 0; i < 10; i++) {
            try {
                logEnd(task, end, queue.record(end.write()));
                signal.wake();
                return;
            } catch (RuntimeException e) {
                log.warn("task {}: recording '{}' failed ({}), retrying", task.id(), end.what(), e.toString());
                Waits.sleep(Math.min(5000, 200L << i));
            }
        }
        log.error("task {}: could not record '{}'; the rescuer will re-queue it", task.id(), end.what());
    }

    private static void logEnd(Task task, Ending end, boolean recorded) {
        org.slf4j.MDC.put("task", task.taskId());
        try {
            logEndOf(task, end, recorded);
        } finally {
            org.slf4j.MDC.remove("task");
        }
    }

    private static void logEndOf(Task task, Ending end, boolean recorded) {
        if (recorded) {
            log.info("task {} attempt {} {}", task.id(), task.attempt(), end.what());
        } else {
            log.warn("task {} attempt {} {}, but its state had changed meanwhile; nothing recorded", task.id(), task.attempt(), end.what());
        }
    }

    private String reasonJson(EngineFailure f) {
        try {
            return json.writeValueAsString(f.failedReason());
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void heartbeats() {
        long now = clock.millis();
        for (RunHandle h : active.values()) {
            try {
                if (now - h.startedAtMillis > settings.taskTimeout().toMillis()) {
                    h.stop(RunHandle.StopReason.TIMED_OUT);
                }
                Integer progress = h.percent();
                TaskQueue.Heartbeat beat = queue.heartbeat(h.task.id(), h.task.workerId(), h.task.attempt(), progress, now);
                if (beat == TaskQueue.Heartbeat.CANCEL_REQUESTED) {
                    h.stop(RunHandle.StopReason.CANCELLED);
                } else if (beat == TaskQueue.Heartbeat.LOST) {
                    h.stop(RunHandle.StopReason.LOST);
                }
            } catch (RuntimeException e) {
                log.warn("heartbeat of task {} failed: {}", h.task.id(), e.toString());
            }
        }
    }

    private void rescue() {
        try {
            long now = clock.millis();
            int n = queue.rescueStale(now - settings.staleAfter().toMillis(), now, now);
            if (n > 0) {
                log.info("rescuer handled {} task(s) whose worker stopped heart-beating", n);
                signal.wake();
            }
        } catch (RuntimeException e) {
            log.warn("rescuer failed: {}", e.toString());
        }
    }

    private void cleanWorkRoot() {
        // Work dirs of this node's earlier processes are orphans: their attempts are re-run from the start.
        if (Files.isDirectory(workRoot)) {
            try (Stream<Path> dirs = Files.list(workRoot)) {
                dirs.forEach(WorkerPool::deleteTree);
            } catch (IOException e) {
                log.warn("could not clean {}: {}", workRoot, e.toString());
            }
        }
    }

    private static void deleteTree(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** Stops claiming; attempts still running are stopped and put back in the queue for another worker. */
    @Override
    public void close() {
        running = false;
        signal.wake();
        active.values().forEach(h -> h.stop(RunHandle.StopReason.SHUTDOWN));
        threads.forEach(t -> Waits.join(t, 10_000));
        ticker.shutdownNow();
    }
}
