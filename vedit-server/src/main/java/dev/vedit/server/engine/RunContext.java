package dev.vedit.server.engine;

import java.nio.file.Path;
import java.time.Duration;

/** What a running engine may use: a private work dir, progress reporting and cancellation. */
public interface RunContext {

    /** A fresh directory for this attempt, deleted by the worker afterwards. */
    Path workDir();

    /** Reports progress, 0.0 to 1.0. Cheap; call as often as convenient. */
    void progress(double fraction);

    /** Whether the task was cancelled (or the worker is stopping); long steps must check it. */
    boolean cancelled();

    /**
     * Registers an action to run once, at once, when the task is cancelled (for example destroying an
     * FFmpeg process). Runs immediately if already cancelled.
     */
    void onCancel(Runnable action);

    /** How long this run may take in total before it must give up with {@code TASK_TIMEOUT}. */
    Duration timeLimit();
}
