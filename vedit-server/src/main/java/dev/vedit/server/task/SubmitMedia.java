package dev.vedit.server.task;

import dev.vedit.server.auth.Account;
import dev.vedit.wire.ValidatedRequest;

/**
 * Media work done at submit, before a task is queued: {@code data:} URIs are stored (so tasks hold links,
 * not megabytes of base64) and media already on this server is checked against the field's limits, so
 * the client hears of a wrong format, size or duration at once.
 */
public interface SubmitMedia {

    /**
     * @return the request with {@code data:} URIs replaced by links to the stored files
     * @throws dev.vedit.wire.VeditException when a local input is missing, expired or outside the field's limits
     */
    ValidatedRequest prepare(Account account, ValidatedRequest request);
}
