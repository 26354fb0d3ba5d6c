package dev.vedit.server.engine.local.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.engine.local.LocalEngine;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionThroughLocalEngineTest {
    @TempDir
    Path work;

    private static Path megamind;
    private static Path vtest;
    private static Path messi;
    private final LocalEngine engine = new LocalEngine(TestMedia.ffmpeg());

    @BeforeAll
    static void samples() throws Exception {
        megamind = OpenCvSamples.file(OpenCvSamples.MEGAMIND);
        vtest = OpenCvSamples.file(OpenCvSamples.VTEST);
        messi = OpenCvSamples.file(OpenCvSamples.MESSI);
    }

    @Test
    void theVisionPassRunsBeforeTheRenderWhichKeepsTheOriginalSoundAndAppliesTheOtherEdits() throws Exception {
        EditPlan plan = new EditPlan("local", List.of(
                new EditOperation("blur_faces", Map.of("style", "blur"), "blur the faces"),
                new EditOperation("grayscale", Map.of(), "black and white"),
                new EditOperation("trim", Map.of("duration", 3), "first 3 seconds")));
        TestRun run = new TestRun(work);

        List<EngineOutput> outputs = engine.run(plan, new EngineInputs(null, megamind, null, List.of()), run);

        Path output = outputs.getFirst().file();
        MediaInfo info = TestMedia.ffmpeg().probe(output, Duration.ofSeconds(30));
        assertThat(info.hasAudio()).as("the trailer's AC-3 sound survives, re-encoded as AAC").isTrue();
        assertThat(info.audioCodec()).isEqualTo("aac");
        assertThat(info.durationSeconds()).isCloseTo(3, within(0.2));
        assertThat(run.progress()).isSorted().last().isEqualTo(1.0);

        Mat source = Pictures.frames(megamind, 24000 / 1001.0, 3, 40).getLast();
        Mat edited = Pictures.frames(output, 24000 / 1001.0, 3, 40).getLast();
        try (BlazeFace detector = new BlazeFace()) {
            FaceBox face = detector.detect(source).getFirst();
            Rect box = FaceBlur.region(new FaceBox(face.cx(), face.cy(), face.w() * 0.8, face.h() * 0.8, 1),
                    source.cols(), source.rows());
            assertThat(Pictures.sharpness(source, box) / Pictures.sharpness(edited, box)).as("the face is blurred")
                    .isGreaterThan(8);
        }
        byte[] yuv = TestMedia.frame(output, 1.5, "yuv420p");
        int luma = info.width() * info.height();
        assertThat(TestMedia.mean(yuv, luma, luma / 4)).as("grayscale: neutral chroma").isCloseTo(128, within(1.0));
    }

    @Test
    void anOddSizedSourceGoesThroughTheVisionPassAndTheRender() throws Exception {
        Path odd = work.resolve("odd.mp4");
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-t", "1", "-i", "file:" + megamind, "-vf", "scale=321:235",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p", "-c:a", "aac", FfmpegJob.output(odd)))
                .run(1, p -> { }, Duration.ofMinutes(1));
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("blur_faces", Map.of("style", "pixelate"), "打码")));

        Path output = engine.run(plan, new EngineInputs(null, odd, null, List.of()), new TestRun(work)).getFirst().file();

        MediaInfo info = TestMedia.ffmpeg().probe(output, Duration.ofSeconds(30));
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(234);
        assertThat(info.hasAudio()).isTrue();
    }

    @Test
    void aBackgroundFigureTheTaskDoesNotHaveIsRefusedNamingIt() {
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("replace_background", Map.of("image", 2), "图2")));

        assertThatThrownBy(() -> engine.run(plan, new EngineInputs(null, megamind, null, List.of(messi)), new TestRun(work)))
                .isInstanceOfSatisfying(EngineFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
                    assertThat(e.getMessage()).contains("Figure 2", "1 reference image", "图2");
                });
    }

    @Test
    void anUnknownFaceStyleIsRefusedNamingTheChoices() {
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("blur_faces", Map.of("style", "smudge"), "smudge")));

        assertThatThrownBy(() -> engine.run(plan, new EngineInputs(null, megamind, null, List.of()), new TestRun(work)))
                .isInstanceOfSatisfying(EngineFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
                    assertThat(e.getMessage()).contains("blur or pixelate", "smudge");
                });
    }

    @Test
    void aVisionPassThatOutrunsTheTimeLimitStopsWithATimeout() {
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("blur_faces", Map.of(), "blur the faces")));
        TestRun run = new TestRun(work, Duration.ofSeconds(1));
        long started = System.nanoTime();

        assertThatThrownBy(() -> engine.run(plan, new EngineInputs(null, vtest, null, List.of()), run))
                .isInstanceOfSatisfying(EngineFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the 80-second video was not processed to the end")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void cancellingStopsTheVisionPassPromptly() throws Exception {
        EditPlan plan = new EditPlan("local", List.of(new EditOperation("blur_faces", Map.of(), "blur the faces")));
        TestRun run = new TestRun(work);
        CompletableFuture<List<EngineOutput>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.run(plan, new EngineInputs(null, vtest, null, List.of()), run);
            } catch (EngineFailure e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (run.progress().stream().noneMatch(p -> p > 0.01) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(run.progress()).as("the pass got going").anyMatch(p -> p > 0.01);
        run.cancel();

        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(EngineFailure.class)
                .satisfies(e -> assertThat(((EngineFailure) e.getCause()).code()).isEqualTo(ErrorCode.TASK_CANCELLED));
        assertThat(run.progress()).as("stopped well before the end of the 80-second video").allMatch(p -> p < 0.5);
    }
}
