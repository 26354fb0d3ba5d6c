package dev.vedit.server.ops;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.RunContext;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ValidatedRequest;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Function;

/** An engine whose runs are timed, so the engine's share of a task's time is visible apart from fetching and storing. */
final class TimedEngine implements Engine {
    private final Engine engine;
    private final Function<String, Timer> timerByOutcome;

    TimedEngine(Engine engine, Function<String, Timer> timerByOutcome) {
        this.engine = engine;
        this.timerByOutcome = timerByOutcome;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public EditPlan plan(ValidatedRequest request) {
        return engine.plan(request);
    }

    @Override
    public dev.vedit.server.engine.InputMode inputMode() {
        return engine.inputMode();
    }

    @Override
    public String promptTips(EditPlan plan) {
        return engine.promptTips(plan);
    }

    @Override
    public java.util.Optional<dev.vedit.server.engine.WorkflowEngine> workflows() {
        return engine.workflows(); // workflow runs are timed per task by the queue's own metrics
    }

    @Override
    public List<dev.vedit.server.engine.RouteHealth> health() {
        return engine.health();
    }

    @Override
    public List<EngineOutput> run(EditPlan plan, EngineInputs inputs, RunContext context) throws EngineFailure {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            List<EngineOutput> outputs = engine.run(plan, inputs, context);
            outcome = "succeeded";
            return outputs;
        } finally {
            timerByOutcome.apply(outcome).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
