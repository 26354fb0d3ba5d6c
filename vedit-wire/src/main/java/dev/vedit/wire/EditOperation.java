package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One typed operation of an edit plan.
 *
 * @param op     the operation, e.g. {@code grayscale}, {@code speed}, {@code trim}
 * @param params its parameters, e.g. {@code {"factor": 2.0}}
 * @param source the words of the prompt (or the option) that caused it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"op", "params", "source"})
public record EditOperation(String op, Map<String, Object> params, String source) {
    public EditOperation {
        params = params == null ? Map.of() : Map.copyOf(params);
    }
}
