package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits that leave the picture alone copy the video stream: the output's video packets are the source's, byte for
 * byte, while the sound changes as planned; trims copy only between keyframes and are otherwise encoded frame-exact;
 * a source that is not H.264 yuv420p is still encoded.
 */
class VideoCopyTest {
    private static final String MODEL = "kling-video-o3-pro/video-edit";

    @TempDir
    static Path sources;
    @TempDir
    Path work;

    /** 4 s, 25 fps, a keyframe every second (0, 1, 2, 3 s), B-frames, a stereo tone. */
    private static Path clip;
    private static List<String> clipPackets;
    private final LocalEngine engine = new LocalEngine(TestMedia.ffmpeg());

    @BeforeAll
    static void makeMedia() throws Exception {
        clip = sources.resolve("keyframes.mp4");
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-ac", "2", "-t", "4",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-pix_fmt", "yuv420p", "-c:a", "aac", FfmpegJob.output(clip))).run(4, p -> { }, Duration.ofSeconds(60));
        clipPackets = packets(clip);
        assertThat(clipPackets).hasSize(100);
    }

    @Test
    void muteCopiesEveryVideoPacketAndDropsTheSound() throws Exception {
        Path out = render("mute it", clip);
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(packets(out)).isEqualTo(clipPackets);
        assertFaststart(out);
    }

    @Test
    void keepingTheSoundCopiesBothStreams() throws Exception {
        Path out = render("keep the original audio", clip);
        assertThat(packets(out)).isEqualTo(clipPackets);
        assertThat(packets(out, "0:a:0")).isEqualTo(packets(clip, "0:a:0"));
        assertFaststart(out);
    }

    @Test
    void volumeChangesTheSoundAndCopiesTheVideo() throws Exception {
        Path out = render("lower the volume by 50%", clip);
        assertThat(packets(out)).isEqualTo(clipPackets);
        assertThat(20 * Math.log10(TestMedia.rms(out) / TestMedia.rms(clip))).isCloseTo(20 * Math.log10(0.5), within(0.5));
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(4.0, within(0.1));
        assertFaststart(out);
    }

    @Test
    void aTrimOnKeyframesCopiesTheKeptPackets() throws Exception {
        Path out = render("only keep the part between 1 and 3 seconds", clip);
        assertThat(packets(out)).isEqualTo(clipPackets.subList(25, 75));
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.1));
        assertThat(TestMedia.rms(out)).as("the sound is kept").isGreaterThan(0.5 * TestMedia.rms(clip));
        assertThat(audioSeconds(out)).isCloseTo(2.0, within(0.05));
    }

    @Test
    void aTrimBetweenKeyframesIsEncodedToTheFrame() throws Exception {
        Path out = render("keep from 1.5s to 3s", clip);
        List<String> kept = packets(out);
        assertThat(kept).as("encoded, not copied").doesNotContainAnyElementsOf(clipPackets.subList(25, 75));
        assertThat(kept.size()).isBetween(37, 38); // 1.5 s at 25 fps, starting at the frame at 1.5 s
        assertThat(TestMedia.probe(out).durationSeconds()).isCloseTo(1.5, within(0.1));
    }

    @Test
    void aSourceThatIsNotH264IsStillEncoded() throws Exception {
        Path mpeg4 = work.resolve("mpeg4.mp4");
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "1",
                "-c:v", "mpeg4", FfmpegJob.output(mpeg4))).run(1, p -> { }, Duration.ofSeconds(60));
        Path out = render("mute it", mpeg4);
        assertThat(TestMedia.probe(out).videoCodec()).isEqualTo("h264");
    }

    @Test
    void aPictureEditStillEncodes() throws Exception {
        Path out = render("mirror it and mute it", clip);
        assertThat(packets(out)).doesNotContainAnyElementsOf(clipPackets);
    }

    private Path render(String prompt, Path source) throws Exception {
        ObjectNode body = new ObjectMapper().createObjectNode().put("prompt", prompt).put("videoUrl", "https://example.com/source.mp4");
        ValidatedRequest request = RequestValidator.validate(ModelCatalog.standard().byPath(MODEL).orElseThrow(), body);
        Path dir = Files.createTempDirectory(work, "run");
        return engine.run(engine.plan(request), new EngineInputs(request, source, null, List.of()),
                new TestRun(dir, Duration.ofSeconds(60))).getFirst().file();
    }

    /** The MD5 of each video packet's data, in file order (timestamps left out: a trim shifts them). */
    private static List<String> packets(Path file) throws Exception {
        return packets(file, "0:v:0");
    }

    private static List<String> packets(Path file, String stream) throws Exception {
        return run(List.of("-v", "error", "-i", "file:" + file.toAbsolutePath(), "-map", stream, "-c", "copy", "-f", "framemd5", "pipe:1"))
                .lines().filter(l -> !l.startsWith("#")).map(l -> l.substring(l.lastIndexOf(',') + 1).strip()).toList();
    }

    private static double audioSeconds(Path file) throws Exception {
        String out = run(List.of("-v", "error", "-i", "file:" + file.toAbsolutePath(), "-map", "0:a:0", "-f", "null", "-", "-progress", "pipe:1"));
        return out.lines().filter(l -> l.startsWith("out_time_us=")).mapToLong(l -> Long.parseLong(l.substring(12).strip()))
                .max().orElseThrow() / 1e6;
    }

    /** moov before mdat: a player can start before the whole file has arrived. */
    private static void assertFaststart(Path file) throws Exception {
        String head = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(head.indexOf("moov")).isPositive().isLessThan(head.indexOf("mdat"));
    }

    private static String run(List<String> args) throws Exception {
        Process p = TestMedia.ffmpeg().processBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

}
