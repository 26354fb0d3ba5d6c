package dev.vedit.server.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a running engine may use: who it runs for, a private work dir, progress reporting, cancellation, and a small
 * durable state that outlives the attempt.
 */
public interface RunContext {

    /** The task's id as clients see it (19 digits); remote engines tag their jobs with it. */
    String taskId();

    /** Which attempt this is, from 1. */
    int attempt();

    /** A fresh directory for this attempt, deleted by the worker afterwards. */
    Path workDir();

    /**
     * Reports progress, 0.0 to 1.0. Cheap; call as often as convenient, from any thread. A value below one reported
     * earlier is ignored: a client never sees an attempt's progress go back.
     */
    void progress(double fraction);

    /** Whether the task was cancelled (or the worker is stopping); long steps must check it. */
    boolean cancelled();

    /**
     * Registers an action to run once, at once, when the task is cancelled (for example destroying an
     * FFmpeg process). Runs immediately if already cancelled.
     */
    void onCancel(Runnable action);

    /**
     * Once {@link #cancelled()}: whether a remote job of this attempt must be stopped too (the task was cancelled or ran
     * out of time), or left running because this worker merely stops (shutdown, attempt taken over) and the next
     * attempt resumes it.
     */
    boolean stopRemoteJob();

    /** How long this run may take in total before it must give up with {@code TASK_TIMEOUT}. */
    Duration timeLimit();

    /**
     * The engine state saved by this task's latest attempt that saved one (e.g. a ComfyUI server and prompt id, an
     * upstream task id): a new attempt that finds it resumes that remote job instead of starting a second one.
     */
    Optional<String> engineState();

    /**
     * Saves the engine state durably, before the remote side is asked to do anything, so that a crash at any later
     * point leaves the next attempt able to find the remote job.
     *
     * @throws EngineFailure when it cannot be saved (the attempt was taken over, or the database is unreachable):
     *                       the engine must then not start the remote job
     */
    void saveEngineState(String state) throws EngineFailure;
}
