package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.min;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_video;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;

/**
 * Whatever moves as foreground, for a static camera: MOG2 background subtraction. The model is first trained
 * on frames sampled from the whole opening of the video ({@link #learn}), so the very first output frames
 * already know the background; during the pass it keeps adapting slowly (to light changes), slowly enough that
 * a person standing still for a few seconds is not absorbed into the background.
 */
final class MotionSegmenter implements ForegroundMask {
    private static final int HISTORY = 500;
    private static final double VARIANCE_THRESHOLD = 16;
    /** MOG2 marks shadows 127 and foreground 255: shadows are background here. */
    private static final double FOREGROUND_LEVEL = 200;
    private static final double LEARNING_RATE_DURING_PASS = 0.001;

    /**
     * Only the dominant colours of a pixel count as background (OpenCV's default takes any colour seen 10 % of the
     * time): people who linger in one spot for part of the samples stay foreground.
     */
    private static final double BACKGROUND_RATIO = 0.6;

    /** The guided filter's regularisation: grey edges weaker than about 0.045 are smoothed over. */
    private static final double GUIDED_EPSILON = 0.002;

    /** Subtraction runs at most this wide (the mask is scaled up after): MOG2 at 720p would cost 3 to 4 times more. */
    private static final int WORK_WIDTH = 640;

    private final BackgroundSubtractorMOG2 mog2 = opencv_video.createBackgroundSubtractorMOG2(HISTORY, VARIANCE_THRESHOLD, true);

    MotionSegmenter() {
        mog2.setBackgroundRatio(BACKGROUND_RATIO);
    }
    private final Mat weights = new Mat();

    /** Trains the background model on one sampled frame (automatic learning rate). */
    void learn(Mat rgb) {
        try (PointerScope scope = new PointerScope()) {
            mog2.apply(small(rgb), new Mat());
        }
    }

    /** The share of {@code rgb} the trained model calls foreground, without learning from it. */
    double foregroundShare(Mat rgb) {
        try (PointerScope scope = new PointerScope()) {
            Mat mask = new Mat();
            mog2.apply(small(rgb), mask, 0);
            threshold(mask, mask, FOREGROUND_LEVEL, 255, THRESH_BINARY);
            return countNonZero(mask) / (double) mask.total();
        }
    }

    @Override
    public Mat weights(Mat rgb) {
        try (PointerScope scope = new PointerScope()) {
            Mat small = small(rgb);
            Mat mask = new Mat();
            mog2.apply(small, mask, LEARNING_RATE_DURING_PASS);
            threshold(mask, mask, FOREGROUND_LEVEL, 255, THRESH_BINARY);
            // Speckle out, holes in; sizes follow the picture so 480p and 1080p behave alike.
            int unit = Math.max(3, (Math.min(small.cols(), small.rows()) / 120) | 1);
            morphologyEx(mask, mask, MORPH_OPEN, getStructuringElement(MORPH_ELLIPSE, new Size(unit, unit)));
            morphologyEx(mask, mask, MORPH_CLOSE, getStructuringElement(MORPH_ELLIPSE, new Size(unit * 3, unit * 3)));
            // A ring of pavement round walkers came from growing the mask by a fixed 5 pixels and blurring it wide:
            // now it grows by 2 and a guided filter against the frame's grey picture pulls its edge onto the
            // walker's own outline; a light blur keeps that edge from aliasing.
            int grow = Math.max(1, unit / 2);
            dilate(mask, mask, getStructuringElement(MORPH_ELLIPSE, new Size(grow * 2 + 1, grow * 2 + 1)));
            Mat soft = new Mat();
            mask.convertTo(soft, CV_32F, 1 / 255.0, 0);
            Mat guide = new Mat();
            cvtColor(small, guide, COLOR_RGB2GRAY);
            guide.convertTo(guide, CV_32F, 1 / 255.0, 0);
            soft = GuidedFilter.filter(guide, soft, unit, GUIDED_EPSILON);
            GaussianBlur(soft, soft, new Size(0, 0), 1);
            max(soft, new Mat(soft.size(), soft.type(), Scalar.all(0)), soft);
            min(soft, new Mat(soft.size(), soft.type(), Scalar.all(1)), soft);
            resize(soft, weights, rgb.size(), 0, 0, INTER_LINEAR);
        }
        return weights;
    }

    /** {@code rgb} scaled down to {@link #WORK_WIDTH} when wider (a view of it otherwise). */
    private static Mat small(Mat rgb) {
        if (rgb.cols() <= WORK_WIDTH) {
            return rgb;
        }
        Mat small = new Mat();
        resize(rgb, small, new Size(WORK_WIDTH, (int) Math.round(rgb.rows() * WORK_WIDTH / (double) rgb.cols())), 0, 0, INTER_AREA);
        return small;
    }

    @Override
    public void close() {
        mog2.close();
        weights.close();
    }
}
