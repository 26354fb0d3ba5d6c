package dev.vedit.sdk;

/** The task (or path) is unknown, expired, or belongs to another key (1004, v1 807, HTTP 404). */
public final class NotFoundException extends VeditApiException {
    NotFoundException(String errorCode, String message, String taskId, Throwable cause) {
        super(errorCode, message, taskId, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
