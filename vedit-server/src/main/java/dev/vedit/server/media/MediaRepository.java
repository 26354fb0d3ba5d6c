package dev.vedit.server.media;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The SQL of {@code media_objects} and {@code media_links}; portable between H2 (PostgreSQL mode) and PostgreSQL. */
final class MediaRepository {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;

    MediaRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records an object, or refreshes {@code created_at} of an existing one so that cleanup's grace period
     * protects it until a link or task output refers to it.
     */
    void upsertObject(String key, String sha256, long size, MediaFormat format, long now) {
        jdbi.useHandle(h -> {
            int updated = h.createUpdate("UPDATE media_objects SET created_at = :now WHERE media_key = :key")
                    .bind("now", now).bind("key", key).execute();
            if (updated > 0) {
                return;
            }
            try {
                h.createUpdate("""
                        INSERT INTO media_objects (media_key, sha256, size_bytes, media_type, format, created_at)
                        VALUES (:key, :sha, :size, :type, :format, :now)""")
                        .bind("key", key).bind("sha", sha256).bind("size", size)
                        .bind("type", format.mediaType()).bind("format", format.extension()).bind("now", now)
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
                // A concurrent upload of the same content inserted it first: same key, same content.
            }
        });
    }

    void insertLink(String token, String key, long accountId, String fileName, String contentType,
                    long expiresAt, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO media_links (token, media_key, account_id, file_name, content_type, expires_at, created_at)
                        VALUES (:token, :key, :account, :name, :type, :expires, :now)""")
                .bind("token", token).bind("key", key).bind("account", accountId).bind("name", fileName)
                .bind("type", contentType).bind("expires", expiresAt).bind("now", now)
                .execute());
    }

    Optional<LinkTarget> findLiveLink(String token, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT token, media_key, file_name, content_type, expires_at FROM media_links
                        WHERE token = :token AND expires_at > :now""")
                .bind("token", token).bind("now", now)
                .map((rs, ctx) -> new LinkTarget(rs.getString("token"), rs.getString("media_key"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("expires_at")))
                .findOne());
    }

    int deleteExpiredLinks(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM media_links WHERE expires_at <= :now")
                .bind("now", now).execute());
    }

    /** Objects older than {@code storedBefore} that no link and no task output refers to. */
    List<String> orphanCandidates(long storedBefore) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT o.media_key FROM media_objects o
                        WHERE o.created_at < :before
                          AND NOT EXISTS (SELECT 1 FROM media_links l WHERE l.media_key = o.media_key)
                          AND NOT EXISTS (SELECT 1 FROM task_outputs t WHERE t.media_key = o.media_key)""")
                .bind("before", storedBefore).mapTo(String.class).list());
    }

    /** Deletes the row when it is still an orphan; re-checked here because links may have appeared since. */
    static boolean deleteIfOrphan(Handle h, String key, long storedBefore) {
        return h.createUpdate("""
                        DELETE FROM media_objects o
                        WHERE o.media_key = :key AND o.created_at < :before
                          AND NOT EXISTS (SELECT 1 FROM media_links l WHERE l.media_key = o.media_key)
                          AND NOT EXISTS (SELECT 1 FROM task_outputs t WHERE t.media_key = o.media_key)""")
                .bind("key", key).bind("before", storedBefore).execute() > 0;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
