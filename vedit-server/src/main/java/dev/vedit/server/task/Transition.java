package dev.vedit.server.task;

import dev.vedit.wire.TaskStatus;

/**
 * The task lifecycle as a table: every state change {@link TaskQueue} makes is one of these rows, guarded in SQL
 * by its {@code from} state, so a task can only move along them. A transition into a terminal state runs the
 * end-of-task hooks (webhook delivery in the transaction, listeners such as metrics after commit) in one place,
 * whichever way the task ended: finished, failed, cancelled while queued, or rescued from a dead worker.
 */
enum Transition {
    /** A worker took a queued task. */
    CLAIMED(TaskStatus.QUEUED, TaskStatus.RUNNING),
    /** The attempt produced its outputs. */
    SUCCEEDED(TaskStatus.RUNNING, TaskStatus.SUCCESS),
    /** The attempt failed for good, or was cancelled or timed out while running. */
    FAILED(TaskStatus.RUNNING, TaskStatus.FAILED),
    /** The attempt failed on something transient; the task waits for its backoff and runs again. */
    RETRY_SCHEDULED(TaskStatus.RUNNING, TaskStatus.QUEUED),
    /** The attempt's worker went silent; another worker runs the next attempt (a remote job is resumed). */
    RESCUED(TaskStatus.RUNNING, TaskStatus.QUEUED),
    /** The silent attempt was the last one, or its cancel had been requested. */
    RESCUED_ENDED(TaskStatus.RUNNING, TaskStatus.FAILED),
    /** The owner cancelled the task before any worker took it. */
    CANCELLED_QUEUED(TaskStatus.QUEUED, TaskStatus.FAILED);

    final TaskStatus from;
    final TaskStatus to;

    Transition(TaskStatus from, TaskStatus to) {
        this.from = from;
        this.to = to;
    }

    /** Whether the task ends here (SUCCESS or FAILED): the end-of-task hooks run. */
    boolean ends() {
        return to == TaskStatus.SUCCESS || to == TaskStatus.FAILED;
    }
}
