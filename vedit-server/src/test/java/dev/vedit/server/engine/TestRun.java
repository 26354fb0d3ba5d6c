package dev.vedit.server.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run context for tests that drive an engine or a pass directly, without a worker: records progress and
 * can be cancelled by the test.
 */
public final class TestRun implements RunContext {
    private final Path workDir;
    private final Duration limit;
    private final List<Double> progress = new CopyOnWriteArrayList<>();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String engineState;

    public TestRun(Path workDir, Duration limit) {
        this.workDir = workDir;
        this.limit = limit;
    }

    public TestRun(Path workDir) {
        this(workDir, Duration.ofMinutes(5));
    }

    /** Every progress report so far, in order. */
    public List<Double> progress() {
        return progress;
    }

    /** Cancels the run as a user would: the flag is set and every registered action runs. */
    public void cancel() {
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

    @Override
    public boolean stopRemoteJob() {
        return cancelled.get();
    }

    @Override
    public String taskId() {
        return "1000000000000000001";
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public Optional<String> engineState() {
        return Optional.ofNullable(engineState);
    }

    @Override
    public void saveEngineState(String state) {
        engineState = state;
    }
}
