package dev.vedit.server.vision;

import dev.vedit.server.engine.RunContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A run context for driving passes and the engine directly: records progress, can be cancelled. */
final class TestRun implements RunContext {
    private final Path workDir;
    private final Duration limit;
    final List<Double> progress = new CopyOnWriteArrayList<>();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    TestRun(Path workDir, Duration limit) {
        this.workDir = workDir;
        this.limit = limit;
    }

    TestRun(Path workDir) {
        this(workDir, Duration.ofMinutes(5));
    }

    void cancel() {
        cancelled.set(true);
        onCancel.forEach(Runnable::run);
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public void progress(double fraction) {
        progress.add(fraction);
    }

    @Override
    public boolean cancelled() {
        return cancelled.get();
    }

    @Override
    public void onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled.get()) {
            action.run();
        }
    }

    @Override
    public Duration timeLimit() {
        return limit;
    }
}
