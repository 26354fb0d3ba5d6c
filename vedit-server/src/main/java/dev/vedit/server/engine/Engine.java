package dev.vedit.server.engine;

import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ValidatedRequest;
import java.util.List;

/**
 * Turns a task's inputs into outputs. The worker owns the task's state; an engine only plans and runs.
 */
public interface Engine {

    /** A short, stable name shown in plans and logs, e.g. {@code local}. */
    String name();

    /**
     * Decides what to do, fast and without touching media; called at submit so a client hears at once
     * when an edit cannot be done.
     *
     * @throws dev.vedit.wire.VeditException with {@code EDIT_NOT_SUPPORTED} (quoting the refused words) or
     *                                       {@code INVALID_PARAMETERS} (e.g. "Figure 3" when two images were given)
     */
    EditPlan plan(ValidatedRequest request);

    /**
     * Runs a plan, blocking, on a worker thread. Writes its outputs under {@link RunContext#workDir()}.
     *
     * @throws EngineFailure when the run fails; its code, message and {@code transientFailure} flag decide
     *                       whether the task is retried
     */
    List<EngineOutput> run(EditPlan plan, EngineInputs inputs, RunContext context) throws EngineFailure;

    /** Whether the worker fetches and checks the task's media before {@link #run} (the default), or passes the URLs on. */
    default InputMode inputMode() {
        return InputMode.LOCAL_FILES;
    }

    /**
     * The submit reply's {@code promptTips}: the hosted service's validation result, a JSON document in ComfyUI's own
     * shape ({@code result}, {@code error}, {@code outputs_to_execute}, {@code node_errors}).
     */
    default String promptTips(EditPlan plan) {
        return defaultPromptTips(plan);
    }

    /** The remote routes this engine serves and whether each can take work ({@code /healthz} detail and metrics). */
    default List<RouteHealth> health() {
        return List.of();
    }

    /** This engine as one that runs whole workflows (RunningHub's workflow API), if it does; wrappers pass it through. */
    default java.util.Optional<WorkflowEngine> workflows() {
        return this instanceof WorkflowEngine w ? java.util.Optional.of(w) : java.util.Optional.empty();
    }

    /** A validation result for an engine with no workflow of its own: the plan's engine is the one output. */
    static String defaultPromptTips(EditPlan plan) {
        return "{\"result\": true, \"error\": null, \"outputs_to_execute\": [\"" + plan.engine() + "\"], \"node_errors\": {}}";
    }
}
