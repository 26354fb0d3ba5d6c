package dev.vedit.sdk;

/** The request was refused as invalid (codes 1001, 1007, 1008, 1009, 2001, 2003, 2004; v1 301): fix the input; retrying unchanged will not help. */
public final class InvalidRequestException extends VeditApiException {
    private final String field;

    InvalidRequestException(String errorCode, String message, String taskId, Throwable cause) {
        super(errorCode, message, taskId, cause);
        this.field = FieldNames.mentionedIn(message);
    }

    /**
     * The request field the message is about (e.g. {@code prompt}, {@code imageUrls[1]}, {@code webhookUrl}), when the
     * message names one; read from the message, so it works for client-side checks and server replies alike.
     */
    public java.util.Optional<String> field() {
        return java.util.Optional.ofNullable(field);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
