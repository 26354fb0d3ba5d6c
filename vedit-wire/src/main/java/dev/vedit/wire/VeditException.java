package dev.vedit.wire;

/**
 * A failure with a stable {@link ErrorCode} and a bilingual, actionable message. Thrown by the request
 * validator and used throughout the server; the HTTP layer renders it into the contract's reply shapes.
 */
public class VeditException extends RuntimeException {
    private final ErrorCode code;

    public VeditException(ErrorCode code, String bilingualMessage) {
        super(bilingualMessage);
        this.code = code;
    }

    public VeditException(ErrorCode code, String bilingualMessage, Throwable cause) {
        super(bilingualMessage, cause);
        this.code = code;
    }

    /** With the code's default message plus a detail in each language. */
    public static VeditException of(ErrorCode code, String englishDetail, String chineseDetail) {
        return new VeditException(code, code.message(englishDetail, chineseDetail));
    }

    public ErrorCode code() {
        return code;
    }
}
