package dev.vedit.server.task;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.RunContext;
import dev.vedit.wire.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** One attempt in progress on this node: the engine's {@link RunContext}, and how the queue stops it. */
final class RunHandle implements RunContext {

    /** Why an attempt was stopped before it finished. */
    enum StopReason { CANCELLED, TIMED_OUT, LOST, SHUTDOWN }

    final Task task;
    final long startedAtMillis;
    private final Path workDir;
    private final Duration timeLimit;
    private final List<Runnable> onCancel = new ArrayList<>();
    private final Predicate<String> stateWriter;
    private volatile double progress;
    private volatile StopReason stopReason;
    private volatile String engineState;

    /**
     * @param stateWriter saves the engine state for this attempt; false when the attempt is no longer this worker's
     */
    RunHandle(Task task, Path workDir, Duration timeLimit, long startedAtMillis, Predicate<String> stateWriter) {
        this.task = task;
        this.workDir = workDir;
        this.timeLimit = timeLimit;
        this.startedAtMillis = startedAtMillis;
        this.stateWriter = stateWriter;
        this.engineState = task.engineState();
    }

    @Override
    public String taskId() {
        return task.taskId();
    }

    @Override
    public int attempt() {
        return task.attempt();
    }

    @Override
    public Optional<String> engineState() {
        return Optional.ofNullable(engineState);
    }

    @Override
    public void saveEngineState(String state) throws EngineFailure {
        boolean saved;
        try {
            saved = stateWriter.test(state);
        } catch (RuntimeException e) {
            throw new EngineFailure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(
                    "the engine state could not be saved (database unreachable)", "无法保存引擎状态（数据库不可用）"), true, "worker", e);
        }
        if (!saved) {
            stop(StopReason.LOST);
            throw new EngineFailure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(
                    "the attempt was taken over by another worker", "本次执行已由其他工作进程接管"), true, "worker", null);
        }
        engineState = state;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public synchronized void progress(double fraction) {
        // Engines report from more than one thread (ComfyUI's event socket and the engine's own), so a late report
        // may carry an older figure: e.g. a sampler step arriving after the outputs' download began at 96 %.
        progress = Math.max(progress, Math.max(0, Math.min(1, fraction)));
    }

    int percent() {
        return (int) Math.floor(progress * 100);
    }

    @Override
    public boolean cancelled() {
        return stopReason != null;
    }

    @Override
    public boolean stopRemoteJob() {
        StopReason reason = stopReason;
        return reason == StopReason.CANCELLED || reason == StopReason.TIMED_OUT;
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
