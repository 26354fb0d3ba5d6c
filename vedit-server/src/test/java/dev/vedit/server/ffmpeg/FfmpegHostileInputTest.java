package dev.vedit.server.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that try to make FFmpeg read beyond the file it was given (concat lists, playlists, image
 * sequences) are refused by ffprobe and ffmpeg alike, and an FFmpeg that dies mid-run is reported as such.
 */
class FfmpegHostileInputTest {
    @TempDir
    Path dir;

    /** A concat list naming a real clip beside it: without the demuxer whitelist ffprobe would open the clip. */
    private Path concatList() throws Exception {
        TestMedia.clip(dir, "secret.mp4", 1);
        return Files.writeString(dir.resolve("list.mp4"), "ffconcat version 1.0\nfile secret.mp4\n", StandardCharsets.UTF_8);
    }

    @Test
    void withoutTheDemuxerWhitelistFfprobeWouldFollowAConcatList() throws Exception {
        Path list = concatList();
        Process p = TestMedia.ffmpeg().probeProcessBuilder(List.of("-v", "error", "-protocol_whitelist", "file",
                "-show_entries", "format=format_name,duration", "-of", "csv=p=0", "file:" + list)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // The attack is real: the protocol whitelist alone lets the concat demuxer read a neighbouring file.
        assertThat(out).startsWith("concat");
    }

    @Test
    void aConcatListUnderAVideoNameIsRefusedByTheProbe() throws Exception {
        Path list = concatList();
        assertThatThrownBy(() -> TestMedia.ffmpeg().probe(list, Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID))
                .hasMessageContaining("not on whitelist");
    }

    @Test
    void anHlsPlaylistIsRefusedByTheProbeWhateverItsName() throws Exception {
        TestMedia.clip(dir, "segment.mp4", 1);
        for (String name : List.of("playlist.m3u8", "playlist.mp4")) {
            Path playlist = Files.writeString(dir.resolve(name),
                    "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nsegment.mp4\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n");
            assertThatThrownBy(() -> TestMedia.ffmpeg().probe(playlist, Duration.ofSeconds(20)))
                    .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID));
        }
    }

    @Test
    void anImageSequencePatternIsNotExpanded() throws Exception {
        Path frame = TestMedia.clip(dir, "frame001.mp4", 1);
        Files.copy(frame, dir.resolve("frame002.mp4"));
        // As an image2 pattern this would name both files; as a plain file name it names none.
        assertThatThrownBy(() -> TestMedia.ffmpeg().probe(dir.resolve("frame%03d.mp4"), Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID));
    }

    @Test
    void ffmpegRefusesAConcatListAsAnInput() throws Exception {
        Path list = concatList();
        List<String> args = new ArrayList<>(FfmpegJob.input(list));
        args.addAll(List.of("-f", "null", "-"));
        assertThatThrownBy(() -> new FfmpegJob(TestMedia.ffmpeg(), args).run(1, p -> { }, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GENERATION_FAILED);
                    assertThat(e.getMessage()).contains("not on whitelist");
                });
    }

    @Test
    void anAcceptedClipStillOpensThroughTheWhitelist() throws Exception {
        Path clip = TestMedia.clip(dir, "ok.mp4", 1);
        List<String> args = new ArrayList<>(FfmpegJob.input(clip));
        args.addAll(List.of("-f", "null", "-"));
        new FfmpegJob(TestMedia.ffmpeg(), args).run(1, p -> { }, Duration.ofSeconds(30));
        assertThat(TestMedia.ffmpeg().probe(clip, Duration.ofSeconds(20)).hasVideo()).isTrue();
    }

    @Test
    void aRenderBoundToItsAcceptedLengthIsStoppedWhenItsInputHoldsMore() throws Exception {
        // Accepted as 5 s (what its headers say), the input holds 60 s: the render stops near 5 s of output.
        Path lying = TestMedia.lyingMp4(dir, "lying.mp4", 60, 5);
        Path out = dir.resolve("out.mp4");
        List<String> args = new java.util.ArrayList<>(FfmpegJob.input(lying));
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", FfmpegJob.output(out)));
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(), args).boundedTo(5);
        assertThatThrownBy(() -> job.run(5, p -> { }, Duration.ofMinutes(2)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_LIMIT);
                    assertThat(e.transientFailure()).isFalse();
                    assertThat(e.getMessage()).contains("more than its headers declare", " | ");
                });
        // The same render of an honest 5 s input is not disturbed by the bound.
        Path honest = TestMedia.clip(dir, "five.mp4", "testsrc2=size=64x48:rate=5", true, 5);
        List<String> ok = new java.util.ArrayList<>(FfmpegJob.input(honest));
        ok.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", FfmpegJob.output(dir.resolve("ok.mp4"))));
        new FfmpegJob(TestMedia.ffmpeg(), ok).boundedTo(5).run(5, p -> { }, Duration.ofMinutes(2));
    }

    @Test
    void aRunPastItsCpuBudgetIsKilledAndTimesOutWithinTheWallClockLimit() {
        // Work that would take minutes of CPU (a large frame, the slowest x264 preset), with a 1 CPU-second budget.
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-t", "600",
                "-c:v", "libx264", "-preset", "veryslow", "-f", "null", "-"), Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> job.run(600, p -> { }, Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TASK_TIMEOUT);
                    assertThat(e.transientFailure()).isFalse();
                    assertThat(e.getMessage()).contains("CPU-seconds").contains(" | ");
                    // A retry would be stopped the same way: the message must not send the caller round again.
                    assertThat(e.getMessage()).contains("would be stopped again")
                            .doesNotContain("please retry", "请重试");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void theCpuBudgetGrowsWithTheOutputAboveAFloor() {
        assertThat(FfmpegJob.cpuBudget(0.5)).isEqualTo(FfmpegJob.MIN_CPU_BUDGET);
        assertThat(FfmpegJob.cpuBudget(600)).isEqualTo(Duration.ofSeconds(600 * 30));
    }

    @Test
    void anFfmpegKilledBySignalMidRunIsATransientFailureSayingItDied() {
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(),
                List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "null", "-"));
        CompletableFuture.delayedExecutor(700, TimeUnit.MILLISECONDS).execute(() -> ProcessHandle.current().descendants()
                .filter(h -> h.info().command().orElse("").endsWith("ffmpeg"))
                .forEach(ProcessHandle::destroyForcibly)); // SIGKILL from outside, as the OOM killer would
        assertThatThrownBy(() -> job.run(60, p -> { }, Duration.ofSeconds(60)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GENERATION_FAILED);
                    assertThat(e.transientFailure()).isTrue();
                    assertThat(e.getMessage()).contains("ffmpeg died").contains(" | ");
                });
    }
}
