package dev.vedit.server.task;

import dev.vedit.wire.TaskStatus;

/** One entry of a task's status history: a transition, with the attempt and the error that caused it. */
public record TaskEvent(long at, TaskStatus status, int attempt, String workerId, String errorCode, String message) {
}
