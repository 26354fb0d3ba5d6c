package dev.vedit.server.engine;

import dev.vedit.wire.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An engine run that failed. {@code transientFailure} says whether trying again may succeed (a crashed
 * process, an unreachable upstream) or not (bad media, an impossible edit).
 */
public class EngineFailure extends Exception {
    private final ErrorCode code;
    private final boolean transientFailure;
    private final String node;

    public EngineFailure(ErrorCode code, String bilingualMessage, boolean transientFailure, String node, Throwable cause) {
        super(bilingualMessage, cause);
        this.code = code;
        this.transientFailure = transientFailure;
        this.node = node;
    }

    public EngineFailure(ErrorCode code, String bilingualMessage, boolean transientFailure) {
        this(code, bilingualMessage, transientFailure, null, null);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean transientFailure() {
        return transientFailure;
    }

    /** The contract's {@code failedReason} object: node, exception type, message. */
    public Map<String, Object> failedReason() {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("node_name", node == null ? "" : node);
        reason.put("exception_type", getCause() == null ? code.name() : getCause().getClass().getSimpleName());
        reason.put("exception_message", getMessage());
        return reason;
    }
}
