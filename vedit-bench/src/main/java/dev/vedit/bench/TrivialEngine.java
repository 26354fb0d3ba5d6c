package dev.vedit.bench;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.RunContext;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ValidatedRequest;
import java.util.List;

/**
 * An engine that accepts every edit and does nothing, so the queue benchmark measures the queue (submit, claim,
 * fetch and check of the input, record) and not FFmpeg. The bench routes every model to it.
 */
final class TrivialEngine implements Engine {
    static final String NAME = "trivial";

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
        return List.of();
    }
}
