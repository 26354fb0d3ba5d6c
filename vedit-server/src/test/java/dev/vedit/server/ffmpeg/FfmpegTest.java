package dev.vedit.server.ffmpeg;

import dev.vedit.server.facts.MediaInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTest {
    @TempDir
    Path dir;

    @Test
    void locateFindsAnFfmpegThatRuns() throws Exception {
        Ffmpeg ffmpeg = TestMedia.ffmpeg();
        Process p = ffmpeg.processBuilder(List.of("-version")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("ffmpeg version");
        assertThat(ffmpeg.description()).isNotBlank();
        assertThat(Files.isExecutable(ffmpeg.ffprobePath())).isTrue();
    }

    @Test
    void locateIsCachedPerCacheDir() {
        assertThat(TestMedia.ffmpeg()).isSameAs(TestMedia.ffmpeg());
    }

    @Test
    void probeReportsDurationSizeAndStreamsOfAClip() throws Exception {
        Path clip = TestMedia.clip(dir, "a.mp4", 2);
        MediaInfo info = TestMedia.ffmpeg().probe(clip, Duration.ofSeconds(20));
        assertThat(info.formatName()).contains("mp4");
        assertThat(info.durationSeconds()).isBetween(1.9, 2.1);
        assertThat(info.sizeBytes()).isEqualTo(Files.size(clip));
        assertThat(info.streamCount()).isEqualTo(2);
        assertThat(info.hasVideo()).isTrue();
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.frameRate()).isEqualTo(25.0);
        assertThat(info.frameCount()).isEqualTo(50);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.audioCodec()).isEqualTo("aac");
    }

    @Test
    void probeOfASilentClipReportsNoAudio() throws Exception {
        Path clip = TestMedia.clip(dir, "silent.mp4", "testsrc2=size=160x120:rate=10", false, 1);
        MediaInfo info = TestMedia.ffmpeg().probe(clip, Duration.ofSeconds(20));
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.audioCodec()).isNull();
        assertThat(info.streamCount()).isEqualTo(1);
    }

    @Test
    void probeOfRandomBytesFailsAsInvalidMedia() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.mp4"), noise);
        assertThatThrownBy(() -> TestMedia.ffmpeg().probe(file, Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID))
                .hasMessageContaining(" | ");
    }

    @Test
    void probeOfAnEmptyFileFailsAsInvalidMedia() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.mp4"));
        assertThatThrownBy(() -> TestMedia.ffmpeg().probe(file, Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID));
    }

    @Test
    void aProbeThatOutlivesItsTimeIsStoppedAndRefused() throws Exception {
        // No ffprobe starts, let alone demuxes a file, within a millisecond: the watchdog ends the run.
        Path clip = TestMedia.clip(dir, "slow.mp4", 1);
        assertThatThrownBy(() -> TestMedia.ffmpeg().probe(clip, Duration.ofMillis(1)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID))
                .hasMessageContaining("took longer than");
    }

    @Test
    void probeOfAMissingFileFailsAsInvalidMedia() {
        assertThatThrownBy(() -> TestMedia.ffmpeg().probe(dir.resolve("nope.mp4"), Duration.ofSeconds(20)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_INVALID));
    }

    @Test
    void jobReportsProgressEndingAtOne() throws Exception {
        List<Double> seen = new CopyOnWriteArrayList<>();
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "2",
                "-c:v", "libx264", "-preset", "ultrafast", FfmpegJob.output(dir.resolve("p.mp4"))))
                .run(2, seen::add, Duration.ofSeconds(60));
        assertThat(seen).isNotEmpty().allMatch(f -> f >= 0 && f <= 1);
        assertThat(seen.getLast()).isEqualTo(1.0);
    }

    @Test
    void progressLinesTurnIntoFractionsOfTheExpectedDuration() {
        assertThat(FfmpegJob.progressOf("out_time_us=1500000", 3).getAsDouble()).isEqualTo(0.5);
        assertThat(FfmpegJob.progressOf("out_time_ms=3000000", 2).getAsDouble()).isEqualTo(1.0);
        assertThat(FfmpegJob.progressOf("progress=end", 10).getAsDouble()).isEqualTo(1.0);
        assertThat(FfmpegJob.progressOf("out_time_us=N/A", 10)).isEmpty();
        assertThat(FfmpegJob.progressOf("frame=12", 10)).isEmpty();
    }

    @Test
    void aFailingCommandIsAPermanentGenerationFailureQuotingStderr() {
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", "nosuchsource", "-f", "null", "-"));
        assertThatThrownBy(() -> job.run(1, p -> { }, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GENERATION_FAILED);
                    assertThat(e.transientFailure()).isFalse();
                    assertThat(e.getMessage()).contains("nosuchsource").contains(" | ");
                });
    }

    @Test
    void aFailureOnARealInputNamesTheFileButNoPathVersionOrAddressAndDoesNotInviteARetry() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(3).nextBytes(noise);
        Path input = Files.write(dir.resolve("0123abcd.mp4"), noise);
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(), List.of("-loglevel", "debug", "-i", "file:" + input.toAbsolutePath(),
                "-f", "null", "-"));
        assertThatThrownBy(() -> job.run(1, p -> { }, Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.GENERATION_FAILED);
                    assertThat(e.transientFailure()).isFalse();
                    assertThat(e.getMessage())
                            .contains("0123abcd.mp4", "would fail again")
                            .doesNotContain(dir.toString(), "file:/", "@ 0x", "please try again", "请重试")
                            .doesNotContainPattern("lib(avcodec|avformat|avutil)\\s+\\d")
                            .doesNotContainPattern("Lav[cfu]\\d");
                });
    }

    @Test
    void scrubbingKeepsTheErrorAndDropsPathsBuildLinesAndAddresses() {
        String raw = """
                ffmpeg version 8.1.2 Copyright (c) 2000-2025 the FFmpeg developers
                  built with gcc 14 (GCC)
                  configuration: --prefix=/opt/build --enable-gpl
                  libavcodec     61. 19.100 / 61. 19.100
                [mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d4c0a4e2c0] moov atom not found
                [in#0 @ 0x55d4c0a4e000] Error opening input: Invalid data found when processing input
                Error opening input file file:/srv/vedit-data/work/task-17/a1b2.mp4.
                Output #0, mp4, to '/srv/vedit-data/work/task-17/out.mp4': encoder Lavf61.7.100
                """;
        String scrubbed = ToolOutput.scrub(raw);
        assertThat(scrubbed).contains("moov atom not found", "Invalid data found", "a1b2.mp4", "'out.mp4'")
                .doesNotContain("/srv", "vedit-data", "0x55d4", "8.1.2", "gcc", "--prefix", "61. 19", "61.7.100");
    }

    @Test
    void aRunPastItsTimeLimitIsKilledAndTimesOut() {
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(),
                List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "null", "-"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> job.run(60, p -> { }, Duration.ofMillis(700)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void cancellingStopsARunningJobAtOnce() {
        FfmpegJob job = new FfmpegJob(TestMedia.ffmpeg(),
                List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-f", "null", "-"));
        CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(job::cancel);
        long start = System.nanoTime();
        assertThatThrownBy(() -> job.run(60, p -> { }, Duration.ofSeconds(60)))
                .isInstanceOfSatisfying(FfmpegFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
