package dev.vedit.server.task;

import dev.vedit.server.engine.RunContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One attempt in progress on this node: the engine's {@link RunContext}, and how the queue stops it. */
final class RunHandle implements RunContext {

    /** Why an attempt was stopped before it finished. */
    enum StopReason { CANCELLED, TIMED_OUT, LOST, SHUTDOWN }

    final Task task;
    final long startedAtMillis;
    private final Path workDir;
    private final Duration timeLimit;
    private final List<Runnable> onCancel = new ArrayList<>();
    private volatile double progress;
    private volatile StopReason stopReason;

    RunHandle(Task task, Path workDir, Duration timeLimit, long startedAtMillis) {
        this.task = task;
        this.workDir = workDir;
        this.timeLimit = timeLimit;
        this.startedAtMillis = startedAtMillis;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public void progress(double fraction) {
        progress = Math.max(0, Math.min(1, fraction));
    }

    int percent() {
        return (int) Math.floor(progress * 100);
    }

    @Override
    public boolean cancelled() {
        return stopReason != null;
    }

    StopReason stopReason() {
        return stopReason;
    }

    @Override
    public void onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = stopReason != null;
            if (!runNow) {
                onCancel.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
    }

    @Override
    public Duration timeLimit() {
        return timeLimit;
    }

    /** Stops the attempt (the first reason wins) and runs the engine's cancel actions once. */
    void stop(StopReason reason) {
        List<Runnable> actions;
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            stopReason = reason;
            actions = List.copyOf(onCancel);
            onCancel.clear();
        }
        actions.forEach(Runnable::run);
    }
}
