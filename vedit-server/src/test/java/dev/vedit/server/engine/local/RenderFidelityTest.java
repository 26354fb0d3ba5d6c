package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engine defects found while checking outputs against plans, each pinned by its objective measure on a real render:
 * mono sound stays mono and at its level, and the vintage look stays warm on grey and dark footage.
 */
class RenderFidelityTest {
    private static final String MODEL = "kling-video-o3-pro/video-edit";

    @TempDir
    static Path sources;
    @TempDir
    Path work;

    private static Path monoClip;
    private static Path darkClip;
    private final LocalEngine engine = new LocalEngine(TestMedia.ffmpeg());

    @BeforeAll
    static void makeMedia() throws Exception {
        monoClip = TestMedia.clip(sources, "mono.mp4", "testsrc2=size=160x120:rate=25", true, 2); // sine: one channel
        darkClip = sources.resolve("dark.mp4");
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-f", "lavfi", "-i", "color=c=0x1c1c1c:size=160x120:rate=25",
                "-t", "1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", FfmpegJob.output(darkClip)))
                .run(1, p -> { }, Duration.ofSeconds(60));
    }

    @Test
    void monoSoundStaysMonoAndAtItsLevel() throws Exception {
        assertThat(TestMedia.probe(monoClip).audioChannels()).isEqualTo(1);
        double source = TestMedia.rms(monoClip);
        Path mirrored = render("mirror it", monoClip); // no sound edit: the sound must come out as it went in
        assertThat(TestMedia.probe(mirrored).audioChannels()).isEqualTo(1);
        assertThat(decibels(TestMedia.rms(mirrored) / source)).isCloseTo(0, within(0.5));
        // "turn the volume up" is a clearly audible change from the source, not from a level already 3 dB down
        assertThat(decibels(TestMedia.rms(render("turn the volume up", monoClip)) / source)).isGreaterThan(3.0);
    }

    @Test
    void vintageAfterBlackAndWhiteIsWarmNotPurple() throws Exception {
        double[] rgb = TestMedia.channelMeans(TestMedia.frame(render("black and white, then vintage", monoClip), 1, "rgb24"));
        assertWarm(rgb);
    }

    @Test
    void vintageOnDarkFootageIsWarmNotMagenta() throws Exception {
        double[] rgb = TestMedia.channelMeans(TestMedia.frame(render("make it vintage", darkClip), 0.5, "rgb24"));
        assertWarm(rgb);
        assertThat(rgb[2]).as("blue no higher than on the source").isLessThanOrEqualTo(0x1c + 6);
    }

    @Test
    void anEditThatChangesNothingVisibleKeepsThePictureWhenItIsEncoded() throws Exception {
        // forced through the encoder (a sound edit alone copies the video): what the encoder settings lose
        Path out = render(engine.withoutStreamCopy(), "make the sound louder", monoClip);
        assertThat(ssim(out, monoClip)).isGreaterThanOrEqualTo(0.98);
        assertThat(TestMedia.probe(out).audioChannels()).isEqualTo(1);
    }

    /** FFmpeg's SSIM over all planes and frames. */
    private static double ssim(Path edited, Path source) throws Exception {
        Process p = TestMedia.ffmpeg().processBuilder(List.of("-nostdin", "-i", "file:" + edited.toAbsolutePath(),
                "-i", "file:" + source.toAbsolutePath(), "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String log;
        try (InputStream in = p.getErrorStream()) {
            log = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("All:([0-9.]+)").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Warm: red at least green, green at least blue (magenta and purple have green lowest). */
    private static void assertWarm(double[] rgb) {
        assertThat(rgb[0]).as("red vs green in %s", java.util.Arrays.toString(rgb)).isGreaterThanOrEqualTo(rgb[1] - 1);
        assertThat(rgb[1]).as("green vs blue in %s", java.util.Arrays.toString(rgb)).isGreaterThanOrEqualTo(rgb[2] - 1);
    }

    private Path render(String prompt, Path source) throws Exception {
        return render(engine, prompt, source);
    }

    private Path render(LocalEngine engine, String prompt, Path source) throws Exception {
        ObjectNode body = new ObjectMapper().createObjectNode().put("prompt", prompt).put("videoUrl", "https://example.com/source.mp4");
        ValidatedRequest request = RequestValidator.validate(ModelCatalog.standard().byPath(MODEL).orElseThrow(), body);
        Path dir = Files.createTempDirectory(work, "run");
        return engine.run(engine.plan(request), new EngineInputs(request, source, null, List.of()),
                new TestRun(dir, Duration.ofSeconds(60))).getFirst().file();
    }

    private static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }

}
