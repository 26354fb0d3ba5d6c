package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_core.min;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * People as foreground, found by MediaPipe selfie segmentation (256x256 input, person probability out), made
 * steady over time and sharp at full resolution. Measured against hand-marked mattes in {@code MaskQualityTest}.
 *
 * <ol>
 *   <li><b>Steady where the picture is</b>: the model's answer for a pixel swings from frame to frame even where
 *   nothing moved, which shows as a crawling edge and as patches of old background that come and go. Where the
 *   frame did not change since the last one, a pixel keeps {@value #PREVIOUS_WEIGHT_WHERE_STILL} of its previous
 *   value; the share falls to nothing as the local change reaches {@value #STILL_CHANGE} (of full scale), so
 *   whatever moves follows at once and nothing smears, and a cut starts afresh.</li>
 *   <li><b>Sharp at the real edge</b>: the 256x256 mask is scaled up to at most {@value #WORK_WIDTH} pixels wide
 *   and refined by a guided filter against the frame's grey picture, so its edge lies on the frame's edges
 *   instead of a wide blur round hair; then a confidence ramp maps {@value #UNSURE_LOW} to
 *   {@value #UNSURE_HIGH} onto 0 to 1, so the half-sure halo round the person is not half kept.</li>
 * </ol>
 */
final class PersonSegmenter implements ForegroundMask {
    static final int MODEL_SIZE = 256;
    /** How much of its previous value a pixel keeps where the frame holds still. */
    private static final double PREVIOUS_WEIGHT_WHERE_STILL = 0.9;
    /** Local grey change (0 to 1, smoothed) at which a pixel no longer counts as still. */
    private static final double STILL_CHANGE = 0.06;
    /** A mean grey change over the whole frame above this is a cut: the mask starts afresh. */
    private static final double CUT = 0.1;
    /** The refinement runs at most this wide: guided filtering at 720p costs more than the model. */
    private static final int WORK_WIDTH = 360;
    /** Guided filter window radius as a share of the longer side, and its regularisation. */
    private static final double RADIUS = 0.012;
    private static final double EPSILON = 0.001;
    private static final double UNSURE_LOW = 0.3;
    private static final double UNSURE_HIGH = 0.7;
    /** A last touch of softness (in work pixels) so the refined edge is not aliased. */
    private static final double FEATHER_SIGMA = 1.5;

    private final Net net = Models.load(Models.SELFIE_SEGMENTATION);
    private final Mat smoothed = new Mat();
    private final Mat previousGrey = new Mat();
    private final Mat weights = new Mat();

    /** The raw person probability at model resolution (256x256, {@code CV_32FC1}), unsmoothed. */
    Mat probability(Mat rgb) {
        Mat blob = opencv_dnn.blobFromImage(rgb, 1 / 255.0, new Size(MODEL_SIZE, MODEL_SIZE), new Scalar(0.0),
                false, false, CV_32F);
        net.setInput(blob);
        return net.forward().reshape(1, MODEL_SIZE).clone();
    }

    @Override
    public Mat weights(Mat rgb) {
        try (PointerScope scope = new PointerScope()) {
            Mat grey = new Mat();
            cvtColor(rgb, grey, COLOR_RGB2GRAY);
            steady(probability(rgb), grey);
            double shrink = Math.min(1.0, WORK_WIDTH / (double) rgb.cols());
            Size work = new Size((int) Math.round(rgb.cols() * shrink), (int) Math.round(rgb.rows() * shrink));
            Mat up = new Mat();
            resize(smoothed, up, work, 0, 0, INTER_LINEAR);
            Mat guide = new Mat();
            resize(grey, guide, work, 0, 0, INTER_AREA);
            guide.convertTo(guide, CV_32F, 1 / 255.0, 0);
            int radius = Math.max(2, (int) Math.round(RADIUS * Math.max(work.width(), work.height())));
            Mat refined = GuidedFilter.filter(guide, up, radius, EPSILON);
            refined.convertTo(refined, CV_32F, 1 / (UNSURE_HIGH - UNSURE_LOW), -UNSURE_LOW / (UNSURE_HIGH - UNSURE_LOW));
            max(refined, new Mat(refined.size(), refined.type(), Scalar.all(0)), refined);
            min(refined, new Mat(refined.size(), refined.type(), Scalar.all(1)), refined);
            GaussianBlur(refined, refined, new Size(0, 0), FEATHER_SIGMA);
            resize(refined, weights, rgb.size(), 0, 0, INTER_LINEAR);
        }
        return weights;
    }

    /** Folds this frame's probability into {@link #smoothed}, holding still pixels steady (see the class comment). */
    private void steady(Mat current, Mat grey) {
        Mat small = new Mat();
        resize(grey, small, new Size(MODEL_SIZE, MODEL_SIZE), 0, 0, INTER_AREA);
        small.convertTo(small, CV_32F, 1 / 255.0, 0);
        Mat change = new Mat();
        if (!previousGrey.empty()) {
            absdiff(small, previousGrey, change);
        }
        if (smoothed.empty() || mean(change).get(0) > CUT) {
            current.copyTo(smoothed);
        } else {
            GaussianBlur(change, change, new Size(0, 0), 2);
            // keep = w * max(0, 1 - change / STILL_CHANGE); smoothed = current + (smoothed - current) * keep
            Mat keep = new Mat();
            change.convertTo(keep, CV_32F, -PREVIOUS_WEIGHT_WHERE_STILL / STILL_CHANGE, PREVIOUS_WEIGHT_WHERE_STILL);
            max(keep, new Mat(keep.size(), keep.type(), Scalar.all(0)), keep);
            Mat step = new Mat();
            subtract(smoothed, current, step);
            multiply(step, keep, step);
            add(current, step, smoothed);
        }
        small.copyTo(previousGrey);
    }

    @Override
    public void close() {
        net.close();
        smoothed.close();
        previousGrey.close();
        weights.close();
    }
}
