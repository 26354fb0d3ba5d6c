package dev.vedit.server.engine.local.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.vedit.server.ffmpeg.TestMedia;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two face defects of issue 12 on frames of the Megamind trailer (720x528, 23.976 frames/s). The places named
 * here were marked by hand: the frame was looked at enlarged 2x under a 20-pixel grid and the coordinates read off.
 */
class FaceDetectionDefectsTest {
    /** Frames 52 to 55: the woman's hand holding a champagne glass, lower left, which BlazeFace boxed at score 0.5-0.59. */
    private static final int[] HAND_FRAMES = {52, 53, 54, 55};
    private static final Rect HAND_AND_GLASS = new Rect(110, 305, 95, 155);
    /** In the same frames, the real faces: the woman's and the man's at the table behind her. */
    private static final double[][] FACES = {{298, 278}, {491, 221}};
    /** Frame 160: the woman facing the camera; points on her forehead between the hairline and the eyebrows. */
    private static final int UPRIGHT_FRAME = 160;
    private static final double[][] FOREHEAD = {{260, 120}, {310, 115}, {350, 130}, {240, 145}};
    /** The face's middle, about which the frame is turned to tilt the head. */
    private static final Point2f FACE_CENTRE = new Point2f(289, 239);

    private static List<Mat> frames;
    private static BlazeFace detector;

    @BeforeAll
    static void frames() throws Exception {
        Path megamind = OpenCvSamples.file(OpenCvSamples.MEGAMIND);
        double rate = TestMedia.ffmpeg().probe(megamind, Duration.ofSeconds(30)).frameRate();
        frames = Pictures.frames(megamind, rate, Double.POSITIVE_INFINITY, UPRIGHT_FRAME + 1);
        detector = new BlazeFace();
    }

    @AfterAll
    static void close() {
        detector.close();
        frames.forEach(Mat::close);
    }

    @Test
    void aHandHoldingAGlassIsNoFaceWhileTheRealFacesAreStillFound() {
        for (int i : HAND_FRAMES) {
            List<FaceBox> faces = detector.detect(frames.get(i));
            System.out.println("frame " + i + ": " + faces.stream()
                    .map(f -> String.format("(%.0f, %.0f) score %.2f", f.cx(), f.cy(), f.score())).toList());
            assertThat(faces).as("boxes centred on the hand holding the glass in frame %d", i)
                    .noneMatch(f -> inside(HAND_AND_GLASS, f.cx(), f.cy()));
            for (double[] face : FACES) {
                assertThat(faces).as("the face at (%.0f, %.0f) in frame %d", face[0], face[1], i)
                        .anyMatch(f -> Math.abs(f.cx() - face[0]) < f.w() / 4 && Math.abs(f.cy() - face[1]) < f.h() / 4);
            }
        }
    }

    @Test
    void theWholeForeheadIsHiddenWhenTheHeadIsUprightOrTilted() {
        for (double degrees : new double[] {0, 30, -30, 40, -40}) {
            // The frame turned about the face: the head tilts by that much, the forehead points turn with it.
            Mat turn = getRotationMatrix2D(FACE_CENTRE, degrees, 1);
            Mat tilted = new Mat();
            warpAffine(frames.get(UPRIGHT_FRAME), tilted, turn, frames.get(UPRIGHT_FRAME).size(), INTER_LINEAR,
                    BORDER_REPLICATE, new Scalar());
            List<FaceBox> faces = detector.detect(tilted);
            assertThat(faces).as("the face tilted by %.0f degrees is found", degrees).hasSize(1);
            Rect hidden = FaceBlur.region(faces.getFirst(), tilted.cols(), tilted.rows());
            DoubleIndexer m = turn.createIndexer();
            for (double[] p : FOREHEAD) {
                double x = m.get(0, 0) * p[0] + m.get(0, 1) * p[1] + m.get(0, 2);
                double y = m.get(1, 0) * p[0] + m.get(1, 1) * p[1] + m.get(1, 2);
                assertThat(inside(hidden, x, y)).as("forehead point (%.0f, %.0f) of the head tilted by %.0f degrees lies"
                        + " in the hidden area %d,%d %dx%d", x, y, degrees, hidden.x(), hidden.y(), hidden.width(),
                        hidden.height()).isTrue();
            }
        }
    }

    private static boolean inside(Rect r, double x, double y) {
        return x >= r.x() && y >= r.y() && x < r.x() + r.width() && y < r.y() + r.height();
    }
}
