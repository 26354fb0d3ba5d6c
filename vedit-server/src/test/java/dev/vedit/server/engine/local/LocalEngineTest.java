package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEngineTest {
    private static final String KLING_O3 = "kling-video-o3-std/video-edit";
    private static final int W = 320;
    private static final int H = 240;

    @TempDir
    static Path sources;
    @TempDir
    Path work;

    private static Path clip;
    private static Path grey;
    private final LocalEngine engine = new LocalEngine(TestMedia.ffmpeg());

    @BeforeAll
    static void makeClips() throws Exception {
        clip = TestMedia.clip(sources, "clip.mp4", 3);
        grey = TestMedia.clip(sources, "grey.mp4", "color=c=gray:size=160x120:rate=25", false, 1);
    }

    // ---- colour ----

    @Test
    void blackAndWhiteOutputHasNoChroma() throws Exception {
        byte[] yuv = TestMedia.frame(render(KLING_O3, "make it black and white", Map.of(), clip), 1.0, "yuv420p");
        int luma = W * H;
        int chroma = luma / 4;
        assertThat(meanDistanceFrom128(yuv, luma, chroma)).isLessThan(1.0);
        assertThat(meanDistanceFrom128(yuv, luma + chroma, chroma)).isLessThan(1.0);
        byte[] source = TestMedia.frame(clip, 1.0, "yuv420p");
        assertThat(meanDistanceFrom128(source, luma, chroma)).as("the source is colourful").isGreaterThan(10);
    }

    @Test
    void sepiaOnGreyGivesRedAboveGreenAboveBlue() throws Exception {
        byte[] rgb = TestMedia.frame(render(KLING_O3, "sepia", Map.of(), grey), 0.5, "rgb24");
        double[] means = TestMedia.channelMeans(rgb);
        assertThat(means[0]).isGreaterThan(means[1] + 5);
        assertThat(means[1]).isGreaterThan(means[2] + 5);
    }

    @Test
    void invertedLumaIsTheComplementOfTheSource() throws Exception {
        // The Y planes as stored (yuv420p), without a range conversion in between.
        double source = TestMedia.mean(TestMedia.frame(clip, 1.0, "yuv420p"), 0, W * H);
        double inverted = TestMedia.mean(TestMedia.frame(render(KLING_O3, "反色", Map.of(), clip), 1.0, "yuv420p"), 0, W * H);
        assertThat(inverted).isCloseTo(255 - source, within(4.0));
    }

    @Test
    void brighterOutputHasHigherMeanLuma() throws Exception {
        double source = TestMedia.mean(TestMedia.frame(clip, 1.0, "gray"), 0, W * H);
        double brighter = TestMedia.mean(TestMedia.frame(render(KLING_O3, "make it brighter", Map.of(), clip), 1.0, "gray"), 0, W * H);
        assertThat(brighter).isGreaterThan(source + 15);
    }

    // ---- geometry ----

    @Test
    void mirroredOutputIsTheHorizontallyFlippedSource() throws Exception {
        byte[] source = TestMedia.frame(clip, 1.0, "rgb24");
        byte[] out = TestMedia.frame(render(KLING_O3, "mirror the video", Map.of(), clip), 1.0, "rgb24");
        assertThat(difference(out, source, W, H, (x, y) -> new int[] {W - 1 - x, y})).isLessThan(6);
        assertThat(difference(out, source, W, H, (x, y) -> new int[] {x, y})).as("it did change").isGreaterThan(20);
    }

    @Test
    void verticallyFlippedOutputIsTheSourceUpsideDown() throws Exception {
        byte[] source = TestMedia.frame(clip, 1.0, "rgb24");
        byte[] out = TestMedia.frame(render(KLING_O3, "上下翻转", Map.of(), clip), 1.0, "rgb24");
        assertThat(difference(out, source, W, H, (x, y) -> new int[] {x, H - 1 - y})).isLessThan(6);
    }

    @Test
    void rotatingNinetyDegreesSwapsDimensionsAndTransposesPixels() throws Exception {
        Path out = render(KLING_O3, "rotate 90 degrees clockwise", Map.of(), clip);
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.width()).isEqualTo(H);
        assertThat(info.height()).isEqualTo(W);
        byte[] source = TestMedia.frame(clip, 1.0, "rgb24");
        byte[] rotated = TestMedia.frame(out, 1.0, "rgb24");
        // Clockwise: output (x, y) shows source (y, H-1-x); the output is H wide and W high.
        assertThat(difference(rotated, source, H, W, (x, y) -> new int[] {y, H - 1 - x}, W)).isLessThan(8);
    }

    // ---- time and sound ----

    @Test
    void doubleSpeedHalvesTheDurationAndKeepsTheAudio() throws Exception {
        MediaInfo info = TestMedia.probe(render(KLING_O3, "speed up 2x", Map.of(), clip));
        assertThat(info.durationSeconds()).isCloseTo(1.5, within(0.15));
        assertThat(info.hasAudio()).isTrue();
    }

    @Test
    void halfSpeedDoublesTheDuration() throws Exception {
        MediaInfo info = TestMedia.probe(render(KLING_O3, "慢放", Map.of(), clip));
        assertThat(info.durationSeconds()).isCloseTo(6.0, within(0.2));
        assertThat(info.hasAudio()).isTrue();
    }

    @Test
    void trimKeepsOnlyTheFirstSecond() throws Exception {
        assertThat(TestMedia.probe(render(KLING_O3, "keep only the first 1 second", Map.of(), clip)).durationSeconds())
                .isCloseTo(1.0, within(0.1));
    }

    @Test
    void muteRemovesTheAudioStream() throws Exception {
        MediaInfo info = TestMedia.probe(render(KLING_O3, "mute", Map.of(), clip));
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.hasVideo()).isTrue();
    }

    @Test
    void keepOriginalSoundFalseRemovesTheAudio() throws Exception {
        MediaInfo info = TestMedia.probe(render(KLING_O3, "make it black and white", Map.of("keepOriginalSound", false), clip));
        assertThat(info.hasAudio()).isFalse();
    }

    @Test
    void aSilentSourceGivesASilentOutput() throws Exception {
        MediaInfo info = TestMedia.probe(render(KLING_O3, "speed up 2x", Map.of(), grey));
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.durationSeconds()).isCloseTo(0.5, within(0.1));
    }

    // ---- model options ----

    @Test
    void wanNineBySixteenAt720pIs720By1280() throws Exception {
        MediaInfo info = TestMedia.probe(render("alibaba/wan-2.7/video-edit", "black and white",
                Map.of("aspectRatio", "9:16", "resolution", "720P", "duration", "2"), clip));
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(1280);
        assertThat(info.durationSeconds()).isCloseTo(2.0, within(0.1));
    }

    @Test
    void wanDurationLongerThanTheSourceFailsAsAMediaLimit() {
        assertThatThrownBy(() -> render("alibaba/wan-2.7/video-edit", "mirror", Map.of("duration", "10"), clip))
                .isInstanceOfSatisfying(EngineFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MEDIA_LIMIT);
                    assertThat(e.transientFailure()).isFalse();
                });
    }

    @Test
    void wanWithoutASourceVideoIsRefused() {
        assertThatThrownBy(() -> engine.plan(request("alibaba/wan-2.7/video-edit", "black and white", Map.of(), false)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED));
    }

    @Test
    void wanOptionsBecomeFrameAndTrimOperations() {
        EditPlan plan = engine.plan(request("alibaba/wan-2.7/video-edit", "mirror",
                Map.of("aspectRatio", "4:3", "resolution", "720P", "duration", "5", "seed", 7), true));
        assertThat(plan.engine()).isEqualTo("local");
        assertThat(plan.operations()).extracting(EditOperation::op).containsExactly("hflip", "trim", "frame");
        assertThat(plan.operations().get(2).params()).containsEntry("width", 960).containsEntry("height", 720);
        assertThat(plan.operations().get(1).source()).isEqualTo("duration=5");
    }

    @Test
    void grok480pScalesToHeight480KeepingTheAspect() throws Exception {
        MediaInfo info = TestMedia.probe(render("rhart-video-g-official/edit-video", "mirror the video",
                Map.of("resolution", "480p"), clip));
        assertThat(info.height()).isEqualTo(480);
        assertThat(info.width()).isEqualTo(640);
    }

    @Test
    void klingO1ModeChoosesTheEncoderQuality() {
        EditPlan std = engine.plan(request("kling-video-o1-std/edit-video", "mirror the video", Map.of("mode", "std"), true));
        EditPlan pro = engine.plan(request("kling-video-o1-std/edit-video", "mirror the video", Map.of("mode", "pro"), true));
        assertThat(std.operations().getLast()).isEqualTo(
                new EditOperation("encode", Map.of("preset", "veryfast", "crf", 23), "mode=std"));
        assertThat(pro.operations().getLast().params()).containsEntry("preset", "medium").containsEntry("crf", 18);
    }

    @Test
    void combinedSpeedOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> engine.plan(request(KLING_O3, "speed up 3x and then 8 times as fast", Map.of(), true)))
                .isInstanceOfSatisfying(VeditException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS));
    }

    // ---- output, progress, cancellation ----

    @Test
    void outputIsH264AndAacInAFastStartMp4() throws Exception {
        Path out = render(KLING_O3, "black and white", Map.of(), clip);
        MediaInfo info = TestMedia.probe(out);
        assertThat(info.formatName()).contains("mp4");
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
        List<String> boxes = topLevelBoxes(out);
        assertThat(boxes).contains("moov", "mdat");
        assertThat(boxes.indexOf("moov")).isLessThan(boxes.indexOf("mdat"));
    }

    @Test
    void progressIsReportedUpToOne() throws Exception {
        TestRun context = new TestRun(work, Duration.ofSeconds(60));
        ValidatedRequest request = request(KLING_O3, "mirror", Map.of(), true);
        engine.run(engine.plan(request), new EngineInputs(request, clip, null, List.of()), context);
        assertThat(context.progress()).isNotEmpty().allMatch(p -> p >= 0 && p <= 1);
        assertThat(context.progress().getLast()).isEqualTo(1.0);
    }

    @Test
    void cancellingALongRunStopsItPromptly() throws Exception {
        Path longClip = TestMedia.clip(work, "long.mp4", "testsrc2=size=320x240:rate=25", true, 60);
        Path runDir = Files.createDirectory(work.resolve("run"));
        TestRun context = new TestRun(runDir, Duration.ofMinutes(5));
        ValidatedRequest request = request(KLING_O3, "slow down to 25%", Map.of(), true);
        EditPlan plan = engine.plan(request);
        CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS).execute(context::cancel);
        // Four minutes of output to encode: a run that ignored the cancel would end with an output (or, past its five
        // minutes, a timeout), not this failure. No clock is read: how fast a cancel lands on a busy machine is not a test.
        assertThatThrownBy(() -> engine.run(plan, new EngineInputs(request, longClip, null, List.of()), context))
                .isInstanceOfSatisfying(EngineFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_CANCELLED));
    }

    @Test
    void aRunPastItsTimeLimitFailsWithTaskTimeout() throws Exception {
        TestRun context = new TestRun(work, Duration.ofMillis(1));
        ValidatedRequest request = request(KLING_O3, "mirror", Map.of(), true);
        assertThatThrownBy(() -> engine.run(engine.plan(request), new EngineInputs(request, clip, null, List.of()), context))
                .isInstanceOfSatisfying(EngineFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_TIMEOUT));
    }

    // ---- helpers ----

    private Path render(String model, String prompt, Map<String, Object> options, Path source) throws Exception {
        ValidatedRequest request = request(model, prompt, options, true);
        List<EngineOutput> outputs = engine.run(engine.plan(request), new EngineInputs(request, source, null, List.of()),
                new TestRun(work, Duration.ofSeconds(60)));
        assertThat(outputs).hasSize(1);
        assertThat(outputs.getFirst().outputType()).isEqualTo("mp4");
        assertThat(outputs.getFirst().file()).isEqualTo(work.resolve("output.mp4"));
        return outputs.getFirst().file();
    }

    private static ValidatedRequest request(String model, String prompt, Map<String, Object> options, boolean withVideo) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode body = json.createObjectNode().put("prompt", prompt);
        if (withVideo) {
            body.put("videoUrl", "https://example.com/source.mp4");
        }
        if (model.startsWith("alibaba/wan")) {
            body.putArray("imageUrls").add("https://example.com/reference.png");
        }
        options.forEach((k, v) -> body.set(k, json.valueToTree(v)));
        return RequestValidator.validate(ModelCatalog.standard().byPath(model).orElseThrow(), body);
    }

    private static double meanDistanceFrom128(byte[] data, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += Math.abs((data[i] & 0xff) - 128);
        }
        return sum / length;
    }

    interface SourcePixel {
        int[] at(int x, int y);
    }

    private static double difference(byte[] out, byte[] source, int width, int height, SourcePixel map) {
        return difference(out, source, width, height, map, width);
    }

    /** Mean absolute difference between each output pixel and the source pixel {@code map} says it shows. */
    private static double difference(byte[] out, byte[] source, int width, int height, SourcePixel map, int sourceWidth) {
        double sum = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] s = map.at(x, y);
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs((out[(y * width + x) * 3 + c] & 0xff) - (source[(s[1] * sourceWidth + s[0]) * 3 + c] & 0xff));
                }
            }
        }
        return sum / (width * height * 3.0);
    }

    private static List<String> topLevelBoxes(Path mp4) throws Exception {
        List<String> boxes = new ArrayList<>();
        long size = Files.size(mp4);
        try (InputStream in = Files.newInputStream(mp4); DataInputStream data = new DataInputStream(in)) {
            long position = 0;
            while (position + 8 <= size) {
                long boxSize = data.readInt() & 0xffffffffL;
                byte[] type = data.readNBytes(4);
                long header = 8;
                if (boxSize == 1) {
                    boxSize = data.readLong();
                    header = 16;
                }
                boxes.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                if (boxSize < header) {
                    break;
                }
                data.skipNBytes(boxSize - header);
                position += boxSize;
            }
        }
        return boxes;
    }
}
