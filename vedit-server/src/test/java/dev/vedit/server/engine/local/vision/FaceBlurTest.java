package dev.vedit.server.engine.local.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;

import dev.vedit.server.engine.TestRun;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceBlurTest {
    private static final double SECONDS = 4;
    /** Laplacian variance above which a face is in focus (out-of-focus faces in the trailer measure 5 to 12). */
    private static final double SHARP_FACE = 30;

    @TempDir
    Path work;

    private static Path megamind;
    private static Path vtest;
    private static MediaInfo megamindInfo;

    @BeforeAll
    static void samples() throws Exception {
        megamind = OpenCvSamples.file(OpenCvSamples.MEGAMIND);
        vtest = OpenCvSamples.file(OpenCvSamples.VTEST);
        megamindInfo = TestMedia.ffmpeg().probe(megamind, Duration.ofSeconds(30));
    }

    @Test
    void blurringFacesMakesEverySharpFaceFarLessSharpAndLeavesTheRestOfTheFrameAlone() throws Exception {
        Measured m = measure("blur");
        System.out.println("blur: " + m);
        assertThat(m.sharpFaces).as("sharp faces BlazeFace finds in the sampled source frames").isGreaterThanOrEqualTo(8);
        assertThat(m.worstSharpnessDrop).as("face sharpness, source over output, for the least blurred face").isGreaterThan(8);
        // About 0.6 from compression; a face seen a few frames earlier and still held hidden adds up to about 1.5.
        assertThat(m.worstOutsideDifference).as("mean difference outside the faces").isLessThan(3);
    }

    @Test
    void pixelatingFacesTurnsEverySharpFaceIntoFlatBlocksAndLeavesTheRestOfTheFrameAlone() throws Exception {
        Measured m = measure("pixelate");
        System.out.println("pixelate: " + m);
        assertThat(m.sharpFaces).isGreaterThanOrEqualTo(8);
        assertThat(m.leastFlatOutput).as("share of flat pixels in the least flat pixelated face").isGreaterThan(0.7);
        assertThat(m.smallestFlatGain).as("smallest rise in the share of flat pixels of a face").isGreaterThan(0.2);
        assertThat(m.worstOutsideDifference).isLessThan(3);
    }

    @Test
    void framesWithoutFacesComeOutUnchanged() throws Exception {
        MediaInfo info = TestMedia.ffmpeg().probe(vtest, Duration.ofSeconds(30));
        Path output = work.resolve("out.mkv");
        new VisionPass(TestMedia.ffmpeg()).run(plan("blur"), vtest, info, List.of(), output, new TestRun(work), p -> { });
        List<Mat> source = Pictures.frames(vtest, info.frameRate(), SECONDS, 100);
        List<Mat> edited = Pictures.frames(output, info.frameRate(), SECONDS, 100);
        try (BlazeFace detector = new BlazeFace()) {
            for (int i = 0; i < Math.min(source.size(), edited.size()); i += 5) {
                assertThat(detector.detect(source.get(i))).as("faces in frame %d of a wide street scene", i).isEmpty();
                assertThat(Pictures.meanDifference(edited.get(i), source.get(i), null)).as("frame %d", i).isLessThan(1.5);
            }
        }
    }

    private Measured measure(String style) throws Exception {
        Path output = work.resolve("out.mkv");
        new VisionPass(TestMedia.ffmpeg()).run(plan(style), megamind, megamindInfo, List.of(), output, new TestRun(work), p -> { });
        List<Mat> source = Pictures.frames(megamind, megamindInfo.frameRate(), SECONDS, 200);
        List<Mat> edited = Pictures.frames(output, megamindInfo.frameRate(), SECONDS, 200);
        Measured m = new Measured();
        try (BlazeFace detector = new BlazeFace()) {
            for (int i = 5; i < Math.min(source.size(), edited.size()); i += 8) {
                Mat frame = source.get(i);
                List<FaceBox> faces = detector.detect(frame);
                if (faces.isEmpty()) {
                    continue;
                }
                Mat outside = new Mat(frame.rows(), frame.cols(), CV_8UC1, Scalar.all(255));
                for (FaceBox face : faces) {
                    Rect box = FaceBlur.region(new FaceBox(face.cx(), face.cy(), face.w() * 0.8, face.h() * 0.8, 1),
                            frame.cols(), frame.rows());
                    Rect hidden = FaceBlur.region(new FaceBox(face.cx(), face.cy(), face.w() * 1.4, face.h() * 1.4, 1),
                            frame.cols(), frame.rows());
                    new Mat(outside, hidden).put(Scalar.all(0));
                    // A face already out of focus has no detail left to lose; only sharp faces can show the change.
                    if (Pictures.sharpness(frame, box) < SHARP_FACE) {
                        continue;
                    }
                    m.sharpFaces++;
                    m.worstSharpnessDrop = Math.min(m.worstSharpnessDrop,
                            Pictures.sharpness(frame, box) / Math.max(1e-6, Pictures.sharpness(edited.get(i), box)));
                    m.smallestFlatGain = Math.min(m.smallestFlatGain,
                            Pictures.flatShare(edited.get(i), box) - Pictures.flatShare(frame, box));
                    m.leastFlatOutput = Math.min(m.leastFlatOutput, Pictures.flatShare(edited.get(i), box));
                }
                assertThat(countNonZero(outside)).as("most of frame %d is no face", i).isGreaterThan((int) (frame.total() / 3));
                m.worstOutsideDifference = Math.max(m.worstOutsideDifference,
                        Pictures.meanDifference(edited.get(i), frame, outside));
            }
        }
        return m;
    }

    private static final class Measured {
        int sharpFaces;
        double worstSharpnessDrop = Double.POSITIVE_INFINITY;
        double smallestFlatGain = 1;
        double leastFlatOutput = 1;
        double worstOutsideDifference;

        @Override
        public String toString() {
            return "sharp faces " + sharpFaces + ", worst sharpness drop " + worstSharpnessDrop + ", flat share gain min "
                    + smallestFlatGain + " output min " + leastFlatOutput + ", worst difference outside " + worstOutsideDifference;
        }
    }

    static EditPlan plan(String style) {
        return new EditPlan("local", List.of(new EditOperation("trim", Map.of("duration", SECONDS), "test"),
                new EditOperation("blur_faces", Map.of("style", style), "test")));
    }
}
