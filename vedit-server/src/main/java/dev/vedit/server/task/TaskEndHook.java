package dev.vedit.server.task;

import org.jdbi.v3.core.Handle;

/**
 * Runs inside the transaction that moves a task to its terminal state (SUCCESS, FAILED, cancelled), so
 * whatever it writes commits or rolls back with the transition itself: the seam that makes webhooks durable.
 */
@FunctionalInterface
public interface TaskEndHook {
    TaskEndHook NONE = (handle, task, now) -> { };

    /**
     * @param ended the task's row as the ending transaction left it (so a hook with nothing to do for this task, e.g.
     *              one without a webhook URL, costs no statement)
     */
    void taskEnded(Handle handle, Task ended, long now);
}
