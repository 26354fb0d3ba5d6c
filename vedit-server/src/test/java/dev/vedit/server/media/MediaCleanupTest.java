package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vedit.wire.UploadReply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaCleanupTest {
    @TempDir
    Path dir;
    MediaFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new MediaFixture(dir, "https://vedit.example.com", 1 << 20);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    UploadReply.Uploaded upload(byte[] content) throws IOException {
        return fx.media.upload(new ByteArrayInputStream(content), "f", MediaFixture.ACCOUNT);
    }

    int count(String table) {
        return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    @Test
    void expiredLinksAndTheObjectsOnlyTheyReferencedAreDeleted() throws IOException {
        UploadReply.Uploaded uploaded = upload(SampleMedia.png());
        fx.clock.advance(MediaFixture.LINK_TTL.plusMinutes(1));

        MediaService.CleanupResult result = fx.media.cleanup();

        assertThat(result).isEqualTo(new MediaService.CleanupResult(1, 1));
        assertThat(count("media_links")).isZero();
        assertThat(count("media_objects")).isZero();
        assertThat(fx.store.exists(uploaded.fileName())).isFalse();
    }

    @Test
    void objectsWithALiveLinkAreKept() throws IOException {
        UploadReply.Uploaded old = upload(SampleMedia.png());
        fx.clock.advance(MediaFixture.LINK_TTL.minusHours(2));
        upload(SampleMedia.png()); // same content, a second and newer link
        fx.clock.advance(Duration.ofHours(3));

        MediaService.CleanupResult result = fx.media.cleanup();

        assertThat(result).isEqualTo(new MediaService.CleanupResult(1, 0));
        assertThat(fx.store.exists(old.fileName())).isTrue();
    }

    @Test
    void objectsReferencedByTaskOutputsAreKept() throws IOException {
        StoredMedia output = fx.media.storeFile(java.nio.file.Files.write(dir.resolve("out.mp4"), SampleMedia.mp4(64)));
        fx.db.jdbi().useHandle(h -> {
            h.execute("""
                    INSERT INTO tasks (id, account_id, endpoint, engine, status, request_json, plan_json, client_id,
                        attempt, max_attempts, run_after, cancel_requested, created_at, updated_at)
                    VALUES (1, ?, 'e', 'ffmpeg', 'SUCCESS', '{}', '{}', ?, 1, 3, 0, FALSE, 0, 0)""",
                    MediaFixture.ACCOUNT, "0".repeat(32));
            h.execute("INSERT INTO task_outputs (task_id, idx, media_key, output_type, node_id, link_token) "
                    + "VALUES (1, 0, ?, 'mp4', '1', 'gone')", output.key());
        });
        fx.clock.advance(Duration.ofDays(30));

        assertThat(fx.media.cleanup().objects()).isZero();
        assertThat(fx.store.exists(output.key())).isTrue();
    }

    @Test
    void recentlyStoredObjectsAreKeptForTheGracePeriod() throws IOException {
        StoredMedia output = fx.media.storeFile(java.nio.file.Files.write(dir.resolve("out.mp4"), SampleMedia.mp4(64)));

        fx.clock.advance(MediaFixture.ORPHAN_GRACE.minusMinutes(1));
        assertThat(fx.media.cleanup().objects()).isZero();
        fx.clock.advance(Duration.ofMinutes(2));
        assertThat(fx.media.cleanup().objects()).isEqualTo(1);
        assertThat(fx.store.exists(output.key())).isFalse();
    }
}
