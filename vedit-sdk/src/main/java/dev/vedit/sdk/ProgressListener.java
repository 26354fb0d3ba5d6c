package dev.vedit.sdk;

/** Receives each observation of a task while {@link VeditClient#waitFor} polls it; called on the waiting thread. */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = progress -> { };

    /** Called once per poll, the last time with SUCCESS or FAILED. */
    void onProgress(TaskProgress progress);
}
