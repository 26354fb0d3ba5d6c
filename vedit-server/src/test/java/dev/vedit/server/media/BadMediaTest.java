package dev.vedit.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad media fails fast with a clear code before any decoding work: corrupt, audio-only, zero-length,
 * huge resolution and a ten-hour video are all refused by a probe, in seconds, without running an edit.
 */
class BadMediaTest {
    private static final ModelSpec MODEL = ModelCatalog.standard().byPath("kling-video-o3-std/video-edit").orElseThrow();
    private static final FieldSpec VIDEO = MODEL.videoField().orElseThrow();
    /** Far below any worker time limit: a bad file must not occupy a worker. */
    private static final Duration FAST = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final MediaChecks checks = new MediaChecks(TestMedia.ffmpeg(), MediaCaps.defaults());

    @Test
    void aCorruptFileIsInvalidMedia() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path corrupt = Files.write(dir.resolve("corrupt.mp4"), noise);
        assertRefused(corrupt, ErrorCode.MEDIA_INVALID, "could not be read");
    }

    @Test
    void aTruncatedVideoIsInvalidMedia() throws Exception {
        Path whole = TestMedia.clip(dir, "whole.mp4", 1);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), java.util.Arrays.copyOf(bytes, 2000));
        assertRefused(truncated, ErrorCode.MEDIA_INVALID, "videoUrl");
    }

    @Test
    void anEmptyFileIsInvalidMedia() throws Exception {
        assertRefused(Files.write(dir.resolve("empty.mp4"), new byte[0]), ErrorCode.MEDIA_INVALID, "videoUrl");
    }

    @Test
    void anAudioOnlyFileIsInvalidMediaNamingTheMissingVideo() throws Exception {
        Path audio = make("audio.m4a", List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac"));
        assertRefused(audio, ErrorCode.MEDIA_INVALID, "no video stream");
    }

    @Test
    void aVideoWithNoFramesIsInvalidMedia() throws Exception {
        Path empty = make("noframes.mp4", List.of("-f", "lavfi", "-i", "color=s=64x64:r=25", "-frames:v", "0", "-c:v", "libx264"));
        assertRefused(empty, ErrorCode.MEDIA_INVALID, "videoUrl");
    }

    @Test
    void aHugeResolutionIsOutsideTheLimits() throws Exception {
        Path huge = make("huge.mp4", List.of("-f", "lavfi", "-i", "color=s=4112x16:r=1", "-frames:v", "1", "-c:v", "libx264",
                "-preset", "ultrafast"));
        assertRefused(huge, ErrorCode.MEDIA_LIMIT, "4112x16");
    }

    @Test
    void aTenHourVideoIsOutsideTheLimits() throws Exception {
        // Three frames ten hours apart: a ten-hour file that takes a moment to make.
        Path tenHours = make("ten-hours.mp4", List.of("-f", "lavfi", "-i", "color=s=64x64:r=1/18000", "-frames:v", "3",
                "-c:v", "libx264", "-preset", "ultrafast"));
        assertRefused(tenHours, ErrorCode.MEDIA_LIMIT, "s long");
    }

    @Test
    void anMp4WhoseHeadersDeclareLessThanItHoldsIsJudgedByWhatItHolds() throws Exception {
        // Headers say 5 s (within the model's limit), the sample tables hold 60 s: ffprobe alone reports 5 s.
        Path lying = TestMedia.lyingMp4(dir, "lying.mp4", 60, 5);
        assertThat(TestMedia.ffmpeg().probe(lying, Duration.ofSeconds(20)).durationSeconds()).as("counted, not declared")
                .isGreaterThan(59);
        assertRefused(lying, ErrorCode.MEDIA_LIMIT, "60.");
    }

    @Test
    void anHonestClipKeepsItsDurationAndFrameCount() throws Exception {
        Path clip = TestMedia.clip(dir, "honest.mp4", 2);
        var info = TestMedia.ffmpeg().probe(clip, Duration.ofSeconds(20));
        assertThat(info.durationSeconds()).isBetween(1.9, 2.1);
        assertThat(info.frameCount()).isEqualTo(50);
        assertThat(checks.checkVideo(clip, VIDEO, MODEL).durationSeconds()).isBetween(1.9, 2.1);
    }

    private Path make(String name, List<String> args) throws Exception {
        Path out = dir.resolve(name);
        List<String> all = new java.util.ArrayList<>(args);
        all.add(FfmpegJob.output(out));
        new FfmpegJob(TestMedia.ffmpeg(), all).run(1, p -> { }, Duration.ofSeconds(60));
        return out;
    }

    private void assertRefused(Path file, ErrorCode code, String detail) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> checks.checkVideo(file, VIDEO, MODEL))
                .isInstanceOfSatisfying(EngineFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.transientFailure()).as("bad media is not retried").isFalse();
                })
                .hasMessageContaining(detail)
                .hasMessageContaining(" | "); // bilingual
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }
}
