package dev.vedit.server.http;

import java.util.List;
import java.util.Locale;

/**
 * How RunningHub's official ComfyUI node decides whether to resubmit a refused task: the rule of
 * {@code _is_retryable_error} in {@code HM-RunningHub/ComfyUI_RH_OpenAPI}, {@code core/task.py}, restated. It looks only
 * at the error message (never at {@code errorCode}) of an HTTP 200 refusal and resubmits, up to three times, unless the
 * lower-cased message contains one of these words.
 */
final class OfficialComfyUiNode {
    private static final List<String> PERMANENT = List.of("violation", "illegal", "forbidden", "nsfw", "content policy", "unauthorized",
            "bad request", "content verification failed", "moderation", "invalid parameter", "parameter error", "balance", "insufficient",
            "quota");

    private OfficialComfyUiNode() {
    }

    /** Whether the node would submit the same request again after this refusal of an HTTP 200 submit. */
    static boolean wouldResubmit(String errorMessage) {
        String lower = errorMessage.toLowerCase(Locale.ROOT);
        return PERMANENT.stream().noneMatch(lower::contains);
    }
}
