package dev.vedit.bench;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.InputMode;
import dev.vedit.server.engine.RunContext;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ValidatedRequest;
import java.util.List;

/**
 * An engine that accepts every edit and does nothing, so the queue benchmark measures the queue (submit, claim,
 * fetch and check of the input unless it takes URLs, record) and not FFmpeg. The bench routes every model to it.
 */
final class TrivialEngine implements Engine {
    static final String NAME = "trivial";

    /** How long each task occupies its worker, as a real edit would (none: the queue alone is measured). */
    private final java.time.Duration work;
    /** {@link InputMode#URLS}: the worker fetches and probes nothing, so the queue alone is measured. */
    private final InputMode inputs;

    TrivialEngine() {
        this(java.time.Duration.ZERO);
    }

    /** An engine whose every task holds its worker for {@code work}: for measuring who waits behind whom. */
    TrivialEngine(java.time.Duration work) {
        this(work, InputMode.LOCAL_FILES);
    }

    TrivialEngine(java.time.Duration work, InputMode inputs) {
        this.work = work;
        this.inputs = inputs;
    }

    @Override
    public InputMode inputMode() {
        return inputs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EditPlan plan(ValidatedRequest request) {
        return new EditPlan(NAME, List.of());
    }

    @Override
    public List<EngineOutput> run(EditPlan plan, EngineInputs inputs, RunContext context) {
        if (!work.isZero()) {
            try {
                Thread.sleep(work);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return List.of();
    }
}
