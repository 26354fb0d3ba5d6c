package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** Turns the service's error codes and HTTP statuses into the SDK's exception families. */
final class ErrorMapping {
    private ErrorMapping() {
    }

    /**
     * The exception for an error code from any reply shape (v2 {@code errorCode}, v1 {@code code}, upload {@code code}).
     *
     * @param retryAfter the wait hint for limit errors
     */
    static VeditApiException forCode(String code, String message, String taskId, Duration retryAfter) {
        String text = message == null || message.isBlank() ? "error " + code : v1Text(code, message);
        return switch (code) {
            // 803 a nodeInfoList that does not fit the workflow, 810 a workflow that cannot run, 435 an unknown instanceType,
            // 433 a graph ComfyUI rejects: the request must change.
            case "1001", "1007", "1008", "1009", "2001", "2003", "2004", "301", "413", "803", "810", "435", "433" ->
                    new InvalidRequestException(code, text, taskId, null);
            case "1002", "802", "401", "403" -> new AuthenticationException(code, text, taskId, null);
            case "1004", "807", "404", "410", "380" -> new NotFoundException(code, text, taskId, null);
            // 415: every ComfyUI server is busy or unreachable; clients retry after a while.
            case "421", "1003", "1011", "429", "415" -> new LimitExceededException(code, text, taskId, retryAfter);
            default -> new ServerException(code, text, taskId, null);
        };
    }

    /**
     * The exception for a non-200 reply: the error code in its body when it has one (vedit answers 404/405/413/503
     * with a reply shape), else the HTTP status.
     */
    static VeditApiException forHttpStatus(int status, JsonNode body, String rawBody, Duration retryAfter) {
        String code = "";
        String message = "";
        if (body != null) {
            code = body.path("errorCode").asText(body.path("code").asText(""));
            message = body.path("errorMessage").asText(body.path("msg").asText(body.path("message").asText("")));
        }
        String text = "HTTP " + status + (message.isBlank() ? (rawBody == null || rawBody.isBlank() ? "" : ": " + abbreviate(rawBody)) : ": " + message);
        if (status == 429 || status >= 500) {
            // Whatever the body says, these statuses mean "try again later"; keep the body's code for the caller.
            return status == 429 ? new LimitExceededException(code.isBlank() ? "429" : code, text, "", retryAfter)
                    : new ServerException(code.isBlank() ? Integer.toString(status) : code, text, "", null);
        }
        return forCode(code.isBlank() || code.equals("0") ? Integer.toString(status) : code, text, "", retryAfter);
    }

    /**
     * The v1 endpoints answer some codes with a bare constant ({@code APIKEY_TASK_NOT_FOUND}); such a message becomes the
     * same bilingual sentence the v2 endpoints give, with the constant kept for searching.
     */
    static String v1Text(String code, String message) {
        String sentence = switch (code) {
            case "807" -> "Task not found, please check the task ID | 任务不存在或已过期，请检查任务ID";
            case "804" -> "The task is still running; its outputs are not ready yet | 任务仍在运行，结果尚未就绪";
            case "813" -> "The task is still queued; its outputs are not ready yet | 任务仍在排队，结果尚未就绪";
            case "805" -> "The task failed; it has no outputs | 任务已失败，没有结果";
            case "802" -> "Invalid API Key, please check your credentials | API Key 无效，请检查凭证";
            default -> null;
        };
        if (sentence == null || !message.strip().matches("[A-Z_]+")) {
            return message;
        }
        int bar = sentence.indexOf(" | ");
        return sentence.substring(0, bar) + " (" + message.strip() + ")" + sentence.substring(bar);
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }
}
