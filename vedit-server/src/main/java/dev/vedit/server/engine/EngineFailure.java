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
    private final Map<String, Object> reason;

    public EngineFailure(ErrorCode code, String bilingualMessage, boolean transientFailure, String node, Throwable cause) {
        this(code, bilingualMessage, transientFailure, node, cause, null);
    }

    /**
     * @param reason the contract's {@code failedReason} as the remote side reported it (e.g. ComfyUI's node id, type,
     *               exception and traceback), or {@code null} for the standard one built from the other fields
     */
    public EngineFailure(ErrorCode code, String bilingualMessage, boolean transientFailure, String node, Throwable cause,
                         Map<String, Object> reason) {
        super(bilingualMessage, cause);
        this.code = code;
        this.transientFailure = transientFailure;
        this.node = node;
        this.reason = reason == null ? null : new LinkedHashMap<>(reason);
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
        if (this.reason != null) {
            return new LinkedHashMap<>(this.reason);
        }
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("node_name", node == null ? "" : node);
        reason.put("exception_type", getCause() == null ? code.name() : getCause().getClass().getSimpleName());
        reason.put("exception_message", getMessage());
        return reason;
    }
}
