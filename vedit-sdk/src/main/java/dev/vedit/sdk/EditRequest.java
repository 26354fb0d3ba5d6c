package dev.vedit.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.ModelSpec;

/**
 * A submit body that passed the model's checks on this side (the same {@link dev.vedit.wire.RequestValidator} the
 * server runs), ready for {@link VeditClient#submit(EditRequest)}. Made by the builders of {@link Edits}. Immutable.
 */
public final class EditRequest {
    private final ModelSpec model;
    private final ObjectNode body;

    EditRequest(ModelSpec model, ObjectNode body) {
        this.model = model;
        this.body = body.deepCopy();
    }

    /** The endpoint below {@code /openapi/v2/} it is submitted to, e.g. {@code kling-video-o3-pro/video-edit}. */
    public String endpoint() {
        return model.endpoint();
    }

    /** The model's facts from the shared catalog. */
    public ModelSpec model() {
        return model;
    }

    /** The JSON body as it will be sent (a copy). */
    public ObjectNode body() {
        return body.deepCopy();
    }

    @Override
    public String toString() {
        return "EditRequest[" + model.endpoint() + " " + body + "]";
    }
}
