package dev.vedit.server.media;

import dev.vedit.server.db.Database;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A real H2 database, disk store and media service under a temporary directory, with a clock tests move. */
final class MediaFixture implements AutoCloseable {
    static final long ACCOUNT = 7;
    static final Duration LINK_TTL = Duration.ofHours(24);
    static final Duration ORPHAN_GRACE = Duration.ofHours(1);

    final Path dir;
    final Database db;
    final DiskMediaStore store;
    final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    final MediaService media;

    MediaFixture(Path dir, String publicBaseUrl, long maxUploadBytes) throws IOException {
        this.dir = dir;
        this.db = Database.open(Database.h2Url(dir), null, null, 4);
        db.jdbi().useHandle(h -> h.execute(
                "INSERT INTO accounts (id, name, concurrency, queue_limit, created_at) VALUES (?, 'test', 1, 10, 0)",
                ACCOUNT));
        this.store = new DiskMediaStore(dir.resolve("media"));
        this.media = new MediaService(db.jdbi(), store, dir.resolve("tmp"), publicBaseUrl, maxUploadBytes,
                LINK_TTL, ORPHAN_GRACE, clock);
    }

    Path tempDir() {
        return dir.resolve("tmp");
    }

    @Override
    public void close() {
        db.close();
    }

    /** A clock that stands still until a test moves it. */
    static final class SettableClock extends Clock {
        private final AtomicLong millis;

        SettableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
