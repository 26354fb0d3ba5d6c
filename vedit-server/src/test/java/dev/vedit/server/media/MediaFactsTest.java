package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.server.outbound.AddressPolicy;
import dev.vedit.server.outbound.OutboundClient;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A submit that names our own upload checks it from probe facts kept by content hash ({@code media_facts}):
 * probed once, in place, at the first submit, then read back; never copied to scratch on the request path.
 */
class MediaFactsTest {
    private static final ModelSpec MODEL = ModelCatalog.standard().byPath("kling-video-o3-std/video-edit").orElseThrow();
    private static final Account ACCOUNT = new Account(MediaFixture.ACCOUNT, "test", 1, 10, false);

    @TempDir
    Path dir;
    MediaFixture fx;
    OutboundClient client;
    MediaGateway gateway;
    Path scratch;

    @BeforeEach
    void start() throws Exception {
        fx = new MediaFixture(dir.resolve("fx"), "http://vedit.test", 1L << 30);
        client = new OutboundClient(new AddressPolicy(List.of()), Duration.ofSeconds(2), "vedit-test");
        scratch = Files.createDirectories(dir.resolve("scratch"));
        gateway = new MediaGateway(fx.media, new MediaFetcher(fx.media, client, Duration.ofSeconds(2)),
                new MediaChecks(TestMedia.ffmpeg(), MediaCaps.defaults()), Duration.ofHours(1), 1L << 30, scratch);
    }

    @AfterEach
    void stop() {
        client.close();
        fx.close();
    }

    @Test
    void theFirstSubmitProbesInPlaceAndRecordsTheFactsTheNextReadsThem() throws Exception {
        String url = upload(Files.readAllBytes(TestMedia.clip(dir, "clip.mp4", 1)), "clip.mp4");
        assertThat(factsRows()).isZero();

        assertThat(gateway.prepare(ACCOUNT, request(url)).params().path("videoUrl").asText()).isEqualTo(url);
        assertThat(factsRows()).isOne();
        Map<String, Object> facts = fx.db.jdbi().withHandle(h -> h.createQuery("SELECT width, height, has_video FROM media_facts")
                .mapToMap().one());
        assertThat(facts).containsEntry("width", 320).containsEntry("height", 240).containsEntry("has_video", true);
        try (Stream<Path> left = Files.list(scratch)) {
            assertThat(left).as("no copy of our own media on the request path").isEmpty();
        }

        // The second submit reads the stored facts instead of probing again: changed facts change the verdict.
        fx.db.jdbi().useHandle(h -> h.execute("UPDATE media_facts SET duration_seconds = 36000"));
        assertThatThrownBy(() -> gateway.prepare(ACCOUNT, request(url)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_LIMIT))
                .hasMessageContaining("videoUrl is 36000.00 s long");
        assertThat(factsRows()).isOne();
    }

    @Test
    void theSameContentUploadedAgainFindsItsFacts() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.clip(dir, "clip.mp4", 1));
        gateway.prepare(ACCOUNT, request(upload(clip, "first.mp4")));
        gateway.prepare(ACCOUNT, request(upload(clip, "second.mp4")));
        assertThat(factsRows()).isOne();
    }

    @Test
    void anImageInAVideoFieldIsRefusedFromItsStoredFormatWithoutAProbe() throws Exception {
        String url = upload(SampleMedia.png(), "still.png");
        assertThatThrownBy(() -> gateway.prepare(ACCOUNT, request(url)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID))
                .hasMessageContaining("videoUrl is a PNG image");
        assertThat(factsRows()).isZero();
    }

    @Test
    void unreadableMediaIsRefusedAndNoFactsAreRecorded() throws Exception {
        byte[] clip = Files.readAllBytes(TestMedia.clip(dir, "clip.mp4", 1));
        // Sniffed as MP4 from its header, but cut short: ffprobe cannot read it.
        String url = upload(java.util.Arrays.copyOf(clip, 2000), "cut.mp4");
        assertThatThrownBy(() -> gateway.prepare(ACCOUNT, request(url)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID))
                .hasMessageContaining("videoUrl");
        assertThat(factsRows()).isZero();
    }

    @Test
    void anExpiredLinkOfOursIsAnInvalidUrl() throws Exception {
        String url = upload(Files.readAllBytes(TestMedia.clip(dir, "clip.mp4", 1)), "clip.mp4");
        fx.clock.advance(MediaFixture.LINK_TTL.plusMinutes(1));
        assertThatThrownBy(() -> gateway.prepare(ACCOUNT, request(url)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_URL))
                .hasMessageContaining("videoUrl").hasMessageContaining("expired");
    }

    private String upload(byte[] bytes, String name) throws Exception {
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return fx.media.upload(in, name, MediaFixture.ACCOUNT).downloadUrl();
        }
    }

    private static ValidatedRequest request(String videoUrl) {
        return RequestValidator.validate(MODEL, new ObjectMapper().valueToTree(Map.of("prompt", "make it black and white", "videoUrl", videoUrl)));
    }

    private int factsRows() {
        return fx.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM media_facts").mapTo(Integer.class).one());
    }
}
