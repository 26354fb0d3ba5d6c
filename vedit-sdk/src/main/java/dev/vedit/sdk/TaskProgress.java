package dev.vedit.sdk;

import dev.vedit.wire.QueryReply;
import dev.vedit.wire.TaskStatus;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * One observation of a task while {@link VeditClient#waitFor} polls it.
 *
 * @param taskId  the task
 * @param status  QUEUED, RUNNING, SUCCESS or FAILED
 * @param percent percent done as the service reports it (vedit's {@code progress} extension), or {@code null} when unknown
 * @param elapsed time since waiting began
 * @param reply   the query reply it was read from
 */
public record TaskProgress(String taskId, TaskStatus status, Integer percent, Duration elapsed, QueryReply reply) {

    /** The percentage, when the service reports one (the hosted service does not). */
    public OptionalInt percentDone() {
        return percent == null ? OptionalInt.empty() : OptionalInt.of(percent);
    }
}
