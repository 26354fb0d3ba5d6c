package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The older envelope {@code {"code": int, "msg": string, "data": any}}; {@code code} 0 means success.
 * Used by the v1 task endpoints, the account and queue status and the webhook endpoints.
 */
@JsonPropertyOrder({"code", "msg", "data"})
public record V1Reply<T>(int code, String msg, @JsonInclude(JsonInclude.Include.ALWAYS) T data) {

    /** v1 code: the task belongs to no one this key can see. */
    public static final int APIKEY_TASK_NOT_FOUND = 807;
    /** v1 code: the task is still running. */
    public static final int APIKEY_TASK_IS_RUNNING = 804;
    /** v1 code: the task is still queued. */
    public static final int APIKEY_TASK_IS_QUEUED = 813;
    /** v1 code: the task failed. */
    public static final int APIKEY_TASK_STATUS_ERROR = 805;
    /** v1 code: the API key is not valid. */
    public static final int APIKEY_UNAUTHORIZED = 802;
    /** v1 code: the parameters are not valid. */
    public static final int PARAMS_INVALID = 301;

    public static <T> V1Reply<T> ok(T data) {
        return new V1Reply<>(0, "success", data);
    }

    public static <T> V1Reply<T> error(int code, String msg) {
        return new V1Reply<>(code, msg, null);
    }
}
