package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What an engine will do for a task, decided at submit without touching media. Returned to clients as the
 * {@code plan} extension field of submit and query replies (clients that do not know it ignore it).
 *
 * @param engine     the engine that will run it, e.g. {@code local}
 * @param operations the operations in the order they apply
 */
@JsonPropertyOrder({"engine", "operations"})
public record EditPlan(String engine, List<EditOperation> operations) {
    public EditPlan {
        operations = List.copyOf(operations);
    }
}
