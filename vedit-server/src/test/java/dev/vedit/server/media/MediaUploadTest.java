package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.UploadReply;
import dev.vedit.wire.VeditException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaUploadTest {
    static final String BASE = "https://vedit.example.com";
    static final long LIMIT = 256L * 1024 * 1024;

    @TempDir
    Path dir;
    MediaFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new MediaFixture(dir, BASE, LIMIT);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    UploadReply.Uploaded upload(byte[] content, String name) throws IOException {
        return fx.media.upload(new ByteArrayInputStream(content), name, MediaFixture.ACCOUNT);
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void uploadIsStoredUnderItsHashAndLinkedByAnUnguessableUrl() throws Exception {
        byte[] png = SampleMedia.png();
        String sha = sha256(png);

        UploadReply.Uploaded reply = upload(png, "photo.png");

        assertThat(reply.type()).isEqualTo("image");
        assertThat(reply.fileName()).isEqualTo("openapi/" + sha + ".png");
        assertThat(reply.size()).isEqualTo(Integer.toString(png.length));
        assertThat(reply.downloadUrl()).matches("https://vedit\\.example\\.com/media/[A-Za-z0-9_-]{43}/" + sha + "\\.png");
        assertThat(fx.store.localPath(reply.fileName())).hasValueSatisfying(p -> assertThat(p).hasBinaryContent(png));
        Map<String, Object> row = fx.db.jdbi().withHandle(h -> h.createQuery(
                "SELECT sha256, size_bytes, media_type, format FROM media_objects WHERE media_key = ?")
                .bind(0, reply.fileName()).mapToMap().one());
        assertThat(row).containsEntry("sha256", sha).containsEntry("size_bytes", (long) png.length)
                .containsEntry("media_type", "image").containsEntry("format", "png");
    }

    @Test
    void linkExpiresAfterTheConfiguredTtl() throws Exception {
        UploadReply.Uploaded reply = upload(SampleMedia.wav(), "a.wav");
        String token = reply.downloadUrl().split("/")[4];

        fx.clock.advance(MediaFixture.LINK_TTL.minusSeconds(1));
        assertThat(fx.media.findLiveLink(token)).isPresent();
        fx.clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(fx.media.findLiveLink(token)).isEmpty();
    }

    @Test
    void identicalUploadsAreStoredOnceWithSeparateLinks() throws Exception {
        byte[] mp4 = SampleMedia.mp4(1000);

        UploadReply.Uploaded first = upload(mp4, "a.mp4");
        UploadReply.Uploaded second = upload(mp4, "b.mp4");

        assertThat(second.fileName()).isEqualTo(first.fileName());
        assertThat(second.downloadUrl()).isNotEqualTo(first.downloadUrl());
        int objects = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media_objects").mapTo(Integer.class).one());
        int links = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media_links").mapTo(Integer.class).one());
        assertThat(objects).isEqualTo(1);
        assertThat(links).isEqualTo(2);
    }

    @Test
    void theContentDecidesTheTypeNotTheFileName() throws Exception {
        UploadReply.Uploaded reply = upload(SampleMedia.png(), "movie.mp4");

        assertThat(reply.type()).isEqualTo("image");
        assertThat(reply.fileName()).endsWith(".png");
    }

    @Test
    void everyAcceptedFormatCanBeUploaded() throws Exception {
        Map<byte[], String> samples = Map.of(SampleMedia.mov(), "video", SampleMedia.avi(), "video",
                SampleMedia.mkv(), "video", SampleMedia.jpg(), "image", SampleMedia.webp(), "image",
                SampleMedia.bmp(), "image", SampleMedia.mp3Frame(), "audio", SampleMedia.flac(), "audio",
                SampleMedia.zip(), "zip");
        for (Map.Entry<byte[], String> sample : samples.entrySet()) {
            assertThat(upload(sample.getKey(), "x").type()).isEqualTo(sample.getValue());
        }
    }

    @Test
    void unacceptedContentIsRejectedNamingWhatWasFound() {
        assertThatThrownBy(() -> upload(SampleMedia.gif(), "anim.gif"))
                .isInstanceOfSatisfying(VeditException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID);
                    assertThat(e.getMessage()).contains("anim.gif", "GIF", "MP4", " | ");
                });
        assertThatThrownBy(() -> upload("hello".getBytes(), "notes.txt"))
                .isInstanceOfSatisfying(VeditException.class, e ->
                        assertThat(e.getMessage()).contains("no known media format"));
        assertThatThrownBy(() -> upload(new byte[0], "empty.png"))
                .isInstanceOfSatisfying(VeditException.class, e ->
                        assertThat(e.getMessage()).contains("empty"));
    }

    @Test
    void uploadOverTheLimitFailsWhileStreamingAndLeavesNoTemporaryFiles() throws IOException {
        long[] consumed = new long[1];

        assertThatThrownBy(() -> fx.media.upload(SampleMedia.mp4Stream(300L * 1024 * 1024, consumed), "big.mp4",
                MediaFixture.ACCOUNT))
                .isInstanceOfSatisfying(VeditException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE);
                    assertThat(e.code().code()).isEqualTo("1008");
                });

        assertThat(consumed[0]).isLessThanOrEqualTo(LIMIT + 64 * 1024);
        try (Stream<Path> left = Files.list(fx.tempDir())) {
            assertThat(left).isEmpty();
        }
        int objects = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media_objects").mapTo(Integer.class).one());
        assertThat(objects).isZero();
    }

    @Test
    void largeUploadStreamsWithoutHoldingTheFileInMemory() throws IOException {
        long size = 50L * 1024 * 1024;
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().threadId();
        upload(SampleMedia.png(), "warm-up.png"); // loads classes and opens connections first
        long before = threads.getThreadAllocatedBytes(threadId);

        UploadReply.Uploaded reply = fx.media.upload(SampleMedia.mp4Stream(size, new long[1]), "big.mp4", MediaFixture.ACCOUNT);

        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(reply.size()).isEqualTo(Long.toString(size));
        assertThat(fx.store.size(reply.fileName())).isEqualTo(size);
        assertThat(allocated).as("bytes allocated while uploading 50 MiB").isLessThan(size / 5);
    }

    @Test
    void storeFileMovesAnEngineOutputIntoTheStore() throws Exception {
        byte[] mp4 = SampleMedia.mp4(500);
        Path output = Files.write(dir.resolve("engine-out.mp4"), mp4);

        StoredMedia stored = fx.media.storeFile(output);

        assertThat(stored.key()).isEqualTo("outputs/" + sha256(mp4) + ".mp4");
        assertThat(stored.format()).isEqualTo(MediaFormat.MP4);
        assertThat(stored.size()).isEqualTo(mp4.length);
        assertThat(output).doesNotExist();
        assertThat(fx.store.exists(stored.key())).isTrue();
        MediaLink link = fx.media.createLink(stored.key(), MediaFixture.ACCOUNT, "result.mp4", java.time.Duration.ofHours(1));
        assertThat(link.url()).isEqualTo(BASE + "/media/" + link.token() + "/result.mp4");
        assertThat(fx.media.findLiveLink(link.token())).hasValueSatisfying(l ->
                assertThat(l.contentType()).isEqualTo("video/mp4"));
    }
}
