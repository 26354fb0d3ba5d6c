package dev.vedit.sdk;

/** The API key was refused (1002, v1 802, HTTP 401/403): check the key and that the base URL points at the service that issued it. */
public final class AuthenticationException extends VeditApiException {
    AuthenticationException(String errorCode, String message, String taskId, Throwable cause) {
        super(errorCode, message, taskId, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
