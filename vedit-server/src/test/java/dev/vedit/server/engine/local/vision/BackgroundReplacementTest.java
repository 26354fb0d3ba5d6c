package dev.vedit.server.engine.local.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.compare;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.CMP_GT;
import static org.bytedeco.opencv.global.opencv_core.CMP_LT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.TestRun;
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
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundReplacementTest {
    private static final double SECONDS = 4;

    @TempDir
    Path work;

    private static Path megamind;
    private static Path vtest;
    private static Path figure;

    @BeforeAll
    static void samples() throws Exception {
        megamind = OpenCvSamples.file(OpenCvSamples.MEGAMIND);
        vtest = OpenCvSamples.file(OpenCvSamples.VTEST);
        figure = OpenCvSamples.file(OpenCvSamples.MESSI);
    }

    @Test
    void withAPersonInViewPixelsFarFromThePersonBecomeFigureOneAndThePersonStays() throws Exception {
        MediaInfo info = TestMedia.ffmpeg().probe(megamind, Duration.ofSeconds(30));
        Path output = work.resolve("out.mkv");
        VisionRun run = new VisionPass(TestMedia.ffmpeg()).run(plan(Map.of("image", 1)), megamind, info,
                List.of(figure), output, new TestRun(work), p -> { });
        System.out.println("person background: " + run);

        assertThat(run.background()).isEqualTo("person");
        assertThat(run.frames()).isBetween((long) (SECONDS * info.frameRate()) - 2, (long) (SECONDS * info.frameRate()) + 2);
        List<Mat> source = Pictures.frames(megamind, info.frameRate(), SECONDS, 200);
        List<Mat> edited = Pictures.frames(output, info.frameRate(), SECONDS, 200);
        assertThat(edited.size()).as("output frames").isBetween(source.size() - 1, source.size() + 1);
        Mat cover = BackgroundReplacement.cover(Pictures.picture(figure), source.getFirst().size());
        try (PersonSegmenter judge = new PersonSegmenter()) {
            for (int i : new int[] {12, 40, 70, 90}) {
                Mat probability = new Mat();
                resize(judge.probability(source.get(i)), probability, source.get(i).size());
                Mat person = shrunk(threshold(probability, CMP_GT, 0.9), 15);
                Mat background = shrunk(threshold(probability, CMP_LT, 0.1), 25);
                double frame = probability.total();
                System.out.printf("frame %d: person %.2f background %.2f | bg->figure %.1f (source %.1f) person->source %.1f%n", i,
                        countNonZero(person) / frame, countNonZero(background) / frame,
                        Pictures.meanDifference(edited.get(i), cover, background),
                        Pictures.meanDifference(source.get(i), cover, background),
                        Pictures.meanDifference(edited.get(i), source.get(i), person));
                assertThat(countNonZero(person) / frame).as("a person fills part of frame %d", i).isGreaterThan(0.05);
                assertThat(countNonZero(background) / frame).as("background fills part of frame %d", i).isGreaterThan(0.15);
                assertThat(Pictures.meanDifference(source.get(i), cover, background)).as("the source differs from Figure 1")
                        .isGreaterThan(30);
                assertThat(Pictures.meanDifference(edited.get(i), cover, background))
                        .as("background of frame %d is Figure 1", i).isLessThan(6);
                assertThat(Pictures.meanDifference(edited.get(i), source.get(i), person))
                        .as("the person in frame %d is unchanged", i).isLessThan(4);
            }
        }
    }

    @Test
    void withNoPersonAndAStaticCameraWhatMovesIsKeptAndTheStillSceneBecomesFigureOne() throws Exception {
        MediaInfo info = TestMedia.ffmpeg().probe(vtest, Duration.ofSeconds(30));
        Path output = work.resolve("out.mkv");
        VisionRun run = new VisionPass(TestMedia.ffmpeg()).run(plan(Map.of("image", 1)), vtest, info,
                List.of(figure), output, new TestRun(work), p -> { });
        System.out.println("motion background: " + run);

        assertThat(run.background()).as("pedestrians seen from afar are no selfie: the motion rule applies")
                .isEqualTo("motion");
        List<Mat> source = Pictures.frames(vtest, info.frameRate(), SECONDS, 200);
        List<Mat> edited = Pictures.frames(output, info.frameRate(), SECONDS, 200);
        Mat still = Pictures.median(source);
        Mat cover = BackgroundReplacement.cover(Pictures.picture(figure), still.size());
        for (int i : new int[] {15, 25, 38}) {
            Mat change = Pictures.maxChannelDifference(source.get(i), still);
            Mat moving = shrunk(threshold(change, CMP_GT, 60), 2);
            Mat farFromMotion = shrunk(threshold(grown(threshold(change, CMP_GT, 25), 30), CMP_LT, 1), 0);
            double frame = change.total();
            System.out.printf("frame %d: moving %.3f still %.2f | still->figure %.1f (source %.1f) moving->source %.1f%n", i,
                    countNonZero(moving) / frame, countNonZero(farFromMotion) / frame,
                    Pictures.meanDifference(edited.get(i), cover, farFromMotion),
                    Pictures.meanDifference(source.get(i), cover, farFromMotion),
                    Pictures.meanDifference(edited.get(i), source.get(i), moving));
            assertThat(countNonZero(moving) / frame).as("people walk in frame %d", i).isGreaterThan(0.002);
            assertThat(countNonZero(farFromMotion) / frame).as("most of frame %d is still", i).isGreaterThan(0.5);
            assertThat(Pictures.meanDifference(source.get(i), cover, farFromMotion)).isGreaterThan(30);
            assertThat(Pictures.meanDifference(edited.get(i), cover, farFromMotion))
                    .as("the still scene of frame %d is Figure 1", i).isLessThan(6);
            assertThat(Pictures.meanDifference(edited.get(i), source.get(i), moving))
                    .as("the walkers of frame %d are kept", i).isLessThan(6);
        }
    }

    @Test
    void withNoPersonAndAMovingCameraTheEditIsRefusedSayingWhy() throws Exception {
        // The street of vtest.avi panned sideways, as by a moving camera; its people are too small to count.
        Path pan = work.resolve("pan.mp4");
        new FfmpegJob(TestMedia.ffmpeg(), List.of("-t", "4", "-i", "file:" + vtest, "-vf", "scroll=horizontal=0.02",
                "-c:v", "libx264", "-preset", "ultrafast", "-an", FfmpegJob.output(pan))).run(4, p -> { }, Duration.ofMinutes(1));
        MediaInfo info = TestMedia.ffmpeg().probe(pan, Duration.ofSeconds(30));

        assertThatThrownBy(() -> new VisionPass(TestMedia.ffmpeg()).run(plan(Map.of("image", 1)), pan, info,
                List.of(figure), work.resolve("out.mkv"), new TestRun(work), p -> { }))
                .isInstanceOfSatisfying(EngineFailure.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.EDIT_NOT_SUPPORTED);
                    System.out.println("refused: " + e.getMessage());
                    assertThat(e.getMessage()).contains("no person", "static camera", "摄像机固定");
                });
    }

    static EditPlan plan(Map<String, Object> params) {
        return new EditPlan("local", List.of(new EditOperation("trim", Map.of("duration", SECONDS), "test"),
                new EditOperation("replace_background", params, "test")));
    }

    static Mat threshold(Mat probability, int comparison, double level) {
        Mat mask = new Mat();
        compare(probability, new Mat(probability.size(), probability.type(), org.bytedeco.opencv.opencv_core.Scalar.all(level)),
                mask, comparison);
        return mask;
    }

    static Mat shrunk(Mat mask, int pixels) {
        Mat out = new Mat();
        erode(mask, out, getStructuringElement(MORPH_RECT, new Size(2 * pixels + 1, 2 * pixels + 1)));
        return out;
    }

    static Mat grown(Mat mask, int pixels) {
        Mat out = new Mat();
        dilate(mask, out, getStructuringElement(MORPH_RECT, new Size(2 * pixels + 1, 2 * pixels + 1)));
        return out;
    }
}
