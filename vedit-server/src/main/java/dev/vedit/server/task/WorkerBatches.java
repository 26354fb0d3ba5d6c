package dev.vedit.server.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * The queue writes of this process's workers, grouped: a worker that ends an attempt, wants its next task, or both,
 * hands that in here, and whatever the workers handed in while the previous group's transaction ran goes into the
 * next one ({@link TaskQueue#endAndClaim}), one commit for all of it (issue 15: with trivial tasks the workers spent
 * most of their time committing one claim and one end per task, one commit at a time on H2). One worker runs each
 * group's transaction, the others wait for it; a worker alone still saves one, its end and its next claim sharing
 * a transaction.
 */
final class WorkerBatches {
    private final TaskQueue queue;
    private final LongSupplier clock;
    private final ToIntFunction<String> modelConcurrency;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a group's transaction is over: its members return, and one of the others runs the next group. */
    private final Condition groupDone = lock.newCondition();
    private List<Request> waiting = new ArrayList<>();
    private boolean running;

    WorkerBatches(TaskQueue queue, LongSupplier clock, ToIntFunction<String> modelConcurrency) {
        this.queue = queue;
        this.clock = clock;
        this.modelConcurrency = modelConcurrency;
    }

    /**
     * What a worker's request came to. When the group's transaction failed, nothing of it was recorded: {@code failure}
     * says why, and the worker records its end alone ({@link TaskQueue#record}) and claims again.
     *
     * @param recorded whether the end was recorded (false too when the worker no longer owned the attempt, or had no end)
     * @param next     the worker's next task, claimed and committed
     */
    record Outcome(boolean recorded, Optional<Task> next, RuntimeException failure) {
    }

    /**
     * Records {@code end} (when not null) and, with {@code claim}, claims the worker's next task, in the same transaction
     * as other workers' requests; returns once that transaction is over.
     */
    Outcome submit(String workerId, TaskQueue.AttemptEnd end, boolean claim) {
        Request mine = new Request(workerId, end, claim);
        lock.lock();
        try {
            waiting.add(mine);
            while (mine.outcome == null) {
                if (running) {
                    groupDone.awaitUninterruptibly();
                    continue;
                }
                running = true;
                List<Request> group = waiting;
                waiting = new ArrayList<>();
                lock.unlock();
                try {
                    run(group);
                } finally {
                    lock.lock();
                    running = false;
                    groupDone.signalAll();
                }
            }
            return mine.outcome;
        } finally {
            lock.unlock();
        }
    }

    /** One transaction for the group; every member's outcome is set, whatever happens. */
    private void run(List<Request> group) {
        List<TaskQueue.AttemptEnd> ends = new ArrayList<>();
        List<String> claimers = new ArrayList<>();
        for (Request r : group) {
            if (r.end != null) {
                ends.add(r.end);
            }
            if (r.claim) {
                claimers.add(r.workerId);
            }
        }
        TaskQueue.Batch batch;
        try {
            batch = queue.endAndClaim(ends, claimers, clock.getAsLong(), modelConcurrency);
        } catch (RuntimeException e) {
            group.forEach(r -> r.outcome = new Outcome(false, Optional.empty(), e));
            return;
        }
        int end = 0;
        int claimer = 0;
        for (Request r : group) {
            boolean recorded = r.end != null && batch.recorded().get(end++);
            Optional<Task> next = r.claim ? batch.claimed().get(claimer++) : Optional.empty();
            r.outcome = new Outcome(recorded, next, null);
        }
    }

    /** A worker's part of a group; {@code outcome} is written by the worker that runs the group, read under the lock. */
    private static final class Request {
        final String workerId;
        final TaskQueue.AttemptEnd end;
        final boolean claim;
        Outcome outcome;

        Request(String workerId, TaskQueue.AttemptEnd end, boolean claim) {
            this.workerId = workerId;
            this.end = end;
            this.claim = claim;
        }
    }
}
