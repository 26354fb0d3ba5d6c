package dev.vedit.server.auth;

/**
 * What may be shown about a key: never the key, only its id and first characters.
 *
 * @param id          the key's public id ({@code vedit keys revoke ID})
 * @param prefix      its first 6 characters, to recognise it
 * @param label       a name its owner gave it, or {@code null}
 * @param accountId   the account it opens
 * @param accountName that account's name
 * @param operator    whether that account is an operator
 * @param concurrency that account's running-task limit
 * @param queueLimit  that account's queued-task limit
 * @param origin      where it came from
 * @param createdAt   epoch millis
 * @param lastUsedAt  epoch millis of the last request it authenticated (to the minute), or {@code null}
 * @param revokedAt   epoch millis it was revoked, or {@code null} while it works
 */
public record KeyInfo(long id, String prefix, String label, long accountId, String accountName, boolean operator, int concurrency,
                      int queueLimit, KeyOrigin origin, long createdAt, Long lastUsedAt, Long revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
