package dev.vedit.sdk;

/** The service failed or is unavailable (1000, 1005, 1010, HTTP 5xx): retry later; the SDK already retried where safe. */
public final class ServerException extends VeditApiException {
    ServerException(String errorCode, String message, String taskId, Throwable cause) {
        super(errorCode, message, taskId, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
