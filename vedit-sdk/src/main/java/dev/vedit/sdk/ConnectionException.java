package dev.vedit.sdk;

/**
 * The service could not be reached, or the connection failed before a reply arrived. When {@link #requestMayHaveArrived()}
 * is true the request was sent and may have taken effect (a submit may have created a task): look before repeating it.
 */
public final class ConnectionException extends VeditApiException {
    private final boolean requestMayHaveArrived;

    ConnectionException(String message, boolean requestMayHaveArrived, Throwable cause) {
        super("", message, "", cause);
        this.requestMayHaveArrived = requestMayHaveArrived;
    }

    /** Whether the request left this machine, so the service may have acted on it although no reply came. */
    public boolean requestMayHaveArrived() {
        return requestMayHaveArrived;
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
