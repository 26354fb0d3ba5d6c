package dev.vedit.server.task;

import dev.vedit.server.db.Sql;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code Idempotency-Key} of submits, kept in the database so that every api node honours a key another node
 * saw. A key belongs to one account and one request (endpoint and validated fields) for {@link #TTL}.
 */
final class IdempotencyKeys {
    private static final String EARLIER = Sql.load(IdempotencyKeys.class, "earlier");
    private static final String DELETE_EXPIRED = Sql.load(IdempotencyKeys.class, "delete-expired");
    private static final String INSERT = Sql.load(IdempotencyKeys.class, "insert");

    /** How long a key is honoured: the window in which a client retries a submit whose reply it lost. */
    static final Duration TTL = Duration.ofHours(24);
    static final int MAX_LENGTH = 255;

    private final Jdbi jdbi;

    IdempotencyKeys(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A key as sent, checked: 1 to 255 visible ASCII characters (a UUID is the usual choice). */
    static String check(String key) {
        if (key.isEmpty() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS,
                    "invalid parameter Idempotency-Key: 1 to " + MAX_LENGTH + " visible ASCII characters, e.g. a UUID",
                    "参数错误：Idempotency-Key 须为 1 到 " + MAX_LENGTH + " 个可见 ASCII 字符，例如 UUID");
        }
        return key;
    }

    /** What identifies a request: the same key with a different one is refused rather than answered with the wrong task. */
    static String fingerprint(String endpoint, String canonicalFields, String webhookUrl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((endpoint + "\n" + canonicalFields + "\n" + (webhookUrl == null ? "" : webhookUrl)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The task an earlier submit with this key created, if it is younger than {@link #TTL}; refuses a different request. */
    Optional<Long> earlier(long accountId, String key, String fingerprint, long now) {
        return jdbi.withHandle(h -> h.createQuery(EARLIER)
                .bind("account", accountId).bind("key", key).bind("cutoff", now - TTL.toMillis())
                .map((rs, ctx) -> {
                    if (!rs.getString("request_sha256").equals(fingerprint)) {
                        throw reused(key);
                    }
                    return rs.getLong("task_id");
                })
                .findFirst());
    }

    /**
     * Records the key for a task, inside the transaction that inserts the task. An expired row of the same key is
     * replaced; a live one makes the insert fail (primary key), and the caller then answers with that row's task.
     */
    void claim(Handle h, long accountId, String key, String fingerprint, long taskId, long now) {
        long cutoff = now - TTL.toMillis();
        h.createUpdate(DELETE_EXPIRED)
                .bind("account", accountId).bind("cutoff", cutoff).execute();
        h.createUpdate(INSERT)
                .bind("account", accountId).bind("key", key).bind("sha", fingerprint).bind("task", taskId).bind("now", now)
                .execute();
    }

    /**
     * Whether an insert failed because a racing submit holds the key: a duplicate primary key (SQLSTATE 23505, H2 and
     * PostgreSQL alike), or H2's lock timeout while that submit has not committed yet.
     */
    static boolean conflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("23505".equals(sql.getSQLState()) || "HYT00".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    static VeditException reused(String key) {
        return VeditException.of(ErrorCode.INVALID_PARAMETERS,
                "invalid parameter Idempotency-Key: \"" + key + "\" was already used for a different request in the last 24 h;"
                        + " send a new key with a new request",
                "参数错误：Idempotency-Key \"" + key + "\" 在 24 小时内已用于另一个请求；新的请求请使用新的 key");
    }
}
