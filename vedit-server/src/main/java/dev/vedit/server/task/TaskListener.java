package dev.vedit.server.task;

/** Told when a task reaches its terminal state (SUCCESS or FAILED, cancelled included). */
public interface TaskListener {
    void taskEnded(Task task);
}
