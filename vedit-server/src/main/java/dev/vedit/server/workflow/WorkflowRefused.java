package dev.vedit.server.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;

/** A refusal that carries ComfyUI's {@code node_errors}: the contract puts them in the v1 reply's {@code data}. */
public final class WorkflowRefused extends VeditException {
    private final transient ObjectNode nodeErrors;

    WorkflowRefused(ErrorCode code, String englishDetail, String chineseDetail, ObjectNode nodeErrors) {
        super(code, code.message(englishDetail, chineseDetail));
        this.nodeErrors = nodeErrors;
    }

    /** ComfyUI-shaped {@code node_errors}: node id → {errors, dependent_outputs, class_type}. */
    public ObjectNode nodeErrors() {
        return nodeErrors;
    }
}
