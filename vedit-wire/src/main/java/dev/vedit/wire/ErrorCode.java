package dev.vedit.wire;

/**
 * Stable error codes carried in {@code errorCode} (v2) or {@code code} (v1) replies.
 *
 * <p>The numeric codes below 2000 and {@code 421} are RunningHub's own; codes from 2001 up are vedit's
 * additions for failures that need a more precise meaning. Every code has a default bilingual message
 * ({@code "English | 中文"}); most replies add a specific detail to it.
 *
 * <p>The English half of a refusal that no retry can fix contains "invalid parameter" (or, for a key, "unauthorized"):
 * RunningHub's official ComfyUI node ({@code ComfyUI_RH_OpenAPI}, {@code core/task.py}) reads only the message and
 * resubmits a refused task three times unless it finds one of a few such words in it.
 */
public enum ErrorCode {
    UNKNOWN("1000", "Unknown error", "未知错误"),
    INVALID_URL("1001", "Invalid URL, please check your link", "URL 无效，请检查链接"),
    INVALID_API_KEY("1002", "Invalid API Key, please check your credentials", "API Key 无效，请检查凭证"),
    RATE_LIMITED("1003", "Rate limit exceeded, please slow down requests", "请求过于频繁，请降低请求速率"),
    TASK_NOT_FOUND("1004", "Task not found, please check the task ID", "任务不存在或已过期，请检查任务ID"),
    INTERNAL_ERROR("1005", "Internal server error", ", please retry later", "服务器内部错误", "，请稍后重试"),
    TASK_TIMEOUT("1006", "Task execution timed out", ", please retry", "任务执行超时", "，请重试"),
    INVALID_PARAMETERS("1007", "Invalid parameters, please check your input", "参数错误，请检查输入"),
    FILE_TOO_LARGE("1008", "File size limit exceeded", "文件大小超出限制"),
    METHOD_NOT_SUPPORTED("1009", "HTTP method not supported", "不支持该 HTTP 方法"),
    SERVICE_UNAVAILABLE("1010", "Service unavailable", ", please retry later", "服务不可用", "，请稍后重试"),
    SYSTEM_BUSY("1011", "System is currently busy", ", please retry later", "系统繁忙", "，请稍后重试"),
    FILE_PROCESSING_FAILED("1013", "File processing failed, please check the URL or retry", "文件处理失败，请检查链接或重试"),
    GENERATION_FAILED("1015", "Generation failed", ", please try again", "生成失败", "，请重试"),
    QUEUE_LIMIT("421", "api queue limit reached, please retry later", "队列已满，请稍后重试"),

    // RunningHub's codes of the workflow and AI-app API (contract part 2); the English text is the contract's msg.
    /** A nodeInfoList entry names a node or input the workflow lacks, or a value the input cannot hold. */
    WORKFLOW_NODE_INFO_INVALID("803", "APIKEY_INVALID_NODE_INFO", "节点参数无效"),
    /** No registered workflow (or AI app) has that id, or it is private to other accounts. */
    WORKFLOW_NOT_FOUND("380", "WORKFLOW_NOT_EXISTS", "工作流不存在"),
    /** The workflow failed its check against the ComfyUI servers' node list: it cannot run there. */
    WORKFLOW_NOT_RUNNABLE("810", "WORKFLOW_NOT_SAVED_OR_NOT_RUNNING", "工作流无法运行"),
    /** The instanceType names no configured pool of ComfyUI servers. */
    INSTANCE_TYPE_UNKNOWN("435", "TASK_USER_EXCLAPI_INSTANCE_NOT_FOUND", "实例类型不存在"),
    /** Every ComfyUI server of the pool is unreachable or full; clients retry after 30–120 s. */
    INSTANCE_BUSY("415", "TASK_INSTANCE_MAXED", "实例已满或不可用"),
    /** ComfyUI rejected the graph ({@code /prompt} answered 400); ComfyUI's node_errors come with it. */
    PROMPT_REJECTED("433", "VALIDATE_PROMPT_FAILED", "工作流校验失败"),

    /** The routed engine cannot perform (part of) the requested edit; the message quotes the refused words. */
    EDIT_NOT_SUPPORTED("2001", "This edit cannot be performed by the engine (invalid parameter, not retryable)", "该引擎无法执行此编辑（参数错误，重试无效）"),
    /** The task was cancelled by its owner before it finished. */
    TASK_CANCELLED("2002", "Task was cancelled by the user", "任务已被用户取消"),
    /** A media input is not a readable file of an accepted kind (corrupt, empty, wrong content, no video stream). */
    MEDIA_INVALID("2003", "Media file is invalid or unsupported (invalid parameter, not retryable)", "媒体文件无效或不受支持（参数错误，重试无效）"),
    /** A media input is readable but outside the model's limits (duration, resolution, frames, streams). */
    MEDIA_LIMIT("2004", "Media is outside the model's limits (invalid parameter, not retryable)", "媒体超出模型限制（参数错误，重试无效）"),
    /** Every attempt failed on a transient error (worker lost, upstream unavailable); resubmit the task. */
    RETRIES_EXHAUSTED("2005", "Task failed after all retry attempts", "任务重试次数已用尽"),
    /**
     * The engine this model is routed to cannot run it now: no ComfyUI server of its pool is reachable or able to run
     * its template (a missing node class or model file), or the relay's upstream refuses our key.
     */
    ENGINE_UNAVAILABLE("2006", "The engine for this model cannot run it now", "该模型对应的引擎当前无法运行"),
    /**
     * The key is valid but its account may not do this: managing other accounts and their keys needs an operator
     * account ({@code vedit keys create --operator}).
     */
    OPERATOR_REQUIRED("2020", "This needs an operator account", "此操作需要运营者账户");

    private final String code;
    private final String english;
    private final String chinese;
    /**
     * The contract's "please retry" part of the default message, kept apart so that a failure that would end the
     * same way on every retry can leave it out ({@link #finalMessage}) instead of sending the caller round again.
     */
    private final String englishRetry;
    private final String chineseRetry;

    ErrorCode(String code, String english, String chinese) {
        this(code, english, "", chinese, "");
    }

    ErrorCode(String code, String english, String englishRetry, String chinese, String chineseRetry) {
        this.code = code;
        this.english = english;
        this.chinese = chinese;
        this.englishRetry = englishRetry;
        this.chineseRetry = chineseRetry;
    }

    /** The wire value, e.g. {@code "1007"}. */
    public String code() {
        return code;
    }

    /** The default bilingual message, {@code "English | 中文"}. */
    public String message() {
        return english + englishRetry + " | " + chinese + chineseRetry;
    }

    /** A bilingual message with a specific detail in each language. */
    public String message(String englishDetail, String chineseDetail) {
        return english + englishRetry + ": " + englishDetail + " | " + chinese + chineseRetry + "：" + chineseDetail;
    }

    /**
     * A bilingual message for a failure that a retry would only repeat (the same input and edit give the same
     * result): the code's title without its "please retry" advice, then the detail, which should say what to
     * change instead.
     */
    public String finalMessage(String englishDetail, String chineseDetail) {
        return english + ": " + englishDetail + " | " + chinese + "：" + chineseDetail;
    }

    /** The code for a wire value, or {@link #UNKNOWN}. */
    public static ErrorCode ofCode(String code) {
        for (ErrorCode c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
