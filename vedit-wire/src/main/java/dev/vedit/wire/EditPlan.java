package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What an engine will do for a task, decided at submit without touching media. Returned to clients as the
 * {@code plan} extension field of submit and query replies (clients that do not know it ignore it).
 *
 * @param engine     the engine that will run it: {@code local}, {@code comfyui} or {@code relay}
 * @param operations the operations in the order they apply
 * @param ignored    the parts of the prompt read as context, not as edits (a greeting, a reason, a purpose, a
 *                   problem described next to the edit that answers it), shown so that nothing is dropped unseen;
 *                   omitted from JSON when empty
 * @param reason     why this engine was chosen when the choice was made per prompt (route {@code auto}), else absent
 */
@JsonPropertyOrder({"engine", "operations", "ignored", "reason"})
public record EditPlan(String engine, List<EditOperation> operations,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> ignored,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {
    public EditPlan {
        operations = List.copyOf(operations);
        ignored = ignored == null ? List.of() : List.copyOf(ignored);
    }

    public EditPlan(String engine, List<EditOperation> operations) {
        this(engine, operations, List.of(), null);
    }

    public EditPlan(String engine, List<EditOperation> operations, List<String> ignored) {
        this(engine, operations, ignored, null);
    }

    /** The same plan with the reason its engine was chosen. */
    public EditPlan because(String why) {
        return new EditPlan(engine, operations, ignored, why);
    }
}
