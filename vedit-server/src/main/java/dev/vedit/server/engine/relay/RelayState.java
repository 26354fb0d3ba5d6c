package dev.vedit.server.engine.relay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The relay's durable engine state of a task: where its upstream task is, or that a submit was under way.
 *
 * @param upstream      the upstream root the task was relayed to (a changed {@code --relay-url} must not poll another service)
 * @param phase         whether the submit was started or answered
 * @param taskId        the upstream task id once the submit answered; {@code null} while {@link Phase#SUBMITTING}
 * @param submitStarted when the submit was started (epoch millis, our clock), bounding the look-up in the upstream's list
 * @param knownBefore   upstream tasks with the same endpoint and prompt that existed before the submit (they are not
 *                      ours); {@code null} when the upstream offers no task list, so a lost submit cannot be looked up
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RelayState(String upstream, Phase phase, String taskId, long submitStarted, List<String> knownBefore) {

    /** Where the submit stands. */
    enum Phase {
        /** Saved before the submit is sent: a crash from here on may leave an upstream task whose id we never saw. */
        SUBMITTING,
        /** The upstream answered with its task id: from here on the task is only ever polled. */
        SUBMITTED
    }

    RelayState submitted(String upstreamTaskId) {
        return new RelayState(upstream, Phase.SUBMITTED, upstreamTaskId, submitStarted, knownBefore);
    }
}
