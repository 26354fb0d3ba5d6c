package dev.vedit.server.media;

import dev.vedit.server.db.Sql;
import dev.vedit.server.facts.MediaInfo;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The SQL of {@code media_objects} and {@code media_links}; portable between H2 (PostgreSQL mode) and PostgreSQL. */
final class MediaRepository {
    private static final String TOUCH_OBJECT = Sql.load(MediaRepository.class, "touch-object");
    private static final String INSERT_OBJECT = Sql.load(MediaRepository.class, "insert-object");
    private static final String INSERT_LINK = Sql.load(MediaRepository.class, "insert-link");
    private static final String LIVE_LINK = Sql.load(MediaRepository.class, "live-link");
    private static final String DELETE_EXPIRED_LINKS = Sql.load(MediaRepository.class, "delete-expired-links");
    private static final String ORPHAN_CANDIDATES = Sql.load(MediaRepository.class, "orphan-candidates");
    private static final String DELETE_ORPHAN = Sql.load(MediaRepository.class, "delete-orphan");
    private static final String OWN_MEDIA = Sql.load(MediaRepository.class, "own-media");
    private static final String FIND_FACTS = Sql.load(MediaRepository.class, "find-facts");
    private static final String INSERT_FACTS = Sql.load(MediaRepository.class, "insert-facts");

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
            int updated = h.createUpdate(TOUCH_OBJECT)
                    .bind("now", now).bind("key", key).execute();
            if (updated > 0) {
                return;
            }
            try {
                h.createUpdate(INSERT_OBJECT)
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
        jdbi.useHandle(h -> h.createUpdate(INSERT_LINK)
                .bind("token", token).bind("key", key).bind("account", accountId).bind("name", fileName)
                .bind("type", contentType).bind("expires", expiresAt).bind("now", now)
                .execute());
    }

    Optional<LinkTarget> findLiveLink(String token, long now) {
        return jdbi.withHandle(h -> h.createQuery(LIVE_LINK)
                .bind("token", token).bind("now", now)
                .map((rs, ctx) -> new LinkTarget(rs.getString("token"), rs.getString("media_key"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("expires_at")))
                .findOne());
    }

    /** A live link and its object in one read, for a submit that names our own media. */
    Optional<OwnMedia> findOwnMedia(String token, long now) {
        return jdbi.withHandle(h -> h.createQuery(OWN_MEDIA)
                .bind("token", token).bind("now", now)
                .map((rs, ctx) -> new OwnMedia(rs.getString("media_key"), rs.getString("sha256").trim(), rs.getLong("size_bytes"),
                        MediaFormat.ofExtension(rs.getString("format"))))
                .findOne());
    }

    Optional<MediaInfo> findFacts(String sha256) {
        return jdbi.withHandle(h -> h.createQuery(FIND_FACTS)
                .bind("sha", sha256)
                .map((rs, ctx) -> new MediaInfo(rs.getString("format_name"), rs.getDouble("duration_seconds"), rs.getLong("size_bytes"),
                        rs.getInt("stream_count"), rs.getBoolean("has_video"), rs.getInt("width"), rs.getInt("height"),
                        rs.getDouble("frame_rate"), rs.getLong("frame_count"), rs.getString("video_codec"), rs.getBoolean("has_audio"),
                        rs.getString("audio_codec"), rs.getInt("audio_channels")))
                .findOne());
    }

    /** Records what a probe found; two nodes probing the same content at once record the same facts, so the second is dropped. */
    void insertFacts(String sha256, MediaInfo info, long now) {
        jdbi.useHandle(h -> {
            try {
                h.createUpdate(INSERT_FACTS)
                        .bind("sha", sha256).bind("formatName", info.formatName()).bind("duration", info.durationSeconds())
                        .bind("size", info.sizeBytes()).bind("streams", info.streamCount()).bind("hasVideo", info.hasVideo())
                        .bind("width", info.width()).bind("height", info.height()).bind("frameRate", info.frameRate())
                        .bind("frameCount", info.frameCount()).bind("videoCodec", info.videoCodec()).bind("hasAudio", info.hasAudio())
                        .bind("audioCodec", info.audioCodec()).bind("audioChannels", info.audioChannels()).bind("now", now)
                        .execute();
            } catch (UnableToExecuteStatementException e) {
                if (!isUniqueViolation(e)) {
                    throw e;
                }
            }
        });
    }

    int deleteExpiredLinks(long now) {
        return jdbi.withHandle(h -> h.createUpdate(DELETE_EXPIRED_LINKS)
                .bind("now", now).execute());
    }

    /** Objects older than {@code storedBefore} that no link and no task output refers to. */
    List<String> orphanCandidates(long storedBefore) {
        return jdbi.withHandle(h -> h.createQuery(ORPHAN_CANDIDATES)
                .bind("before", storedBefore).mapTo(String.class).list());
    }

    /** Deletes the row when it is still an orphan; re-checked here because links may have appeared since. */
    static boolean deleteIfOrphan(Handle h, String key, long storedBefore) {
        return h.createUpdate(DELETE_ORPHAN)
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
