package dev.vedit.server.task;

import org.jdbi.v3.core.Handle;

/**
 * Runs inside the transaction that moves a task to its terminal state (SUCCESS, FAILED, cancelled), so
 * whatever it writes commits or rolls back with the transition itself: the seam that makes webhooks durable.
 */
@FunctionalInterface
public interface TaskEndHook {
    TaskEndHook NONE = (handle, taskId, now) -> { };

    void taskEnded(Handle handle, long taskId, long now);
}
