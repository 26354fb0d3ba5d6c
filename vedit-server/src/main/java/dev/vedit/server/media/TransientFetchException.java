package dev.vedit.server.media;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;

/**
 * A fetch that failed for a reason that may pass (connection refused or reset, timeout, HTTP 408/429/5xx):
 * retrying the task later can succeed. Every other fetch failure is a plain {@link VeditException}.
 */
public final class TransientFetchException extends VeditException {
    TransientFetchException(String englishDetail, String chineseDetail, Throwable cause) {
        super(ErrorCode.FILE_PROCESSING_FAILED,
                ErrorCode.FILE_PROCESSING_FAILED.message(englishDetail, chineseDetail), cause);
    }
}
