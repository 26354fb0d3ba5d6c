package dev.vedit.server.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * People as foreground, found by MediaPipe selfie segmentation (256x256 input, person probability out),
 * smoothed over time so the edge does not flicker.
 *
 * <p>Smoothing follows MediaPipe's own segmentation smoothing: each pixel moves from the previous mask towards
 * the new one by an amount that shrinks where the model is unsure (probability near 0.5), since that is where
 * frame-to-frame noise lives, while confident pixels (a person walking in) follow at once. The smoothed mask is
 * blurred slightly at model resolution before it is scaled up, which feathers the edge.
 */
final class PersonSegmenter implements ForegroundMask {
    static final int MODEL_SIZE = 256;
    /** How much of the previous mask an entirely uncertain pixel keeps. */
    private static final double PREVIOUS_WEIGHT_WHEN_UNSURE = 0.7;
    /** Feathering, in model pixels (about 1/100 of the frame). */
    private static final double FEATHER_SIGMA = 1.5;

    private final Net net = Models.load(Models.SELFIE_SEGMENTATION);
    private final Mat smoothed = new Mat();
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
            Mat current = probability(rgb);
            if (smoothed.empty()) {
                current.copyTo(smoothed);
            } else {
                // unsure = 4p(1-p): 1 at p = 0.5, 0 at p = 0 or 1.
                Mat complement = new Mat();
                current.convertTo(complement, CV_32F, -1, 1);
                Mat unsure = new Mat();
                multiply(current, complement, unsure, 4.0, CV_32F);
                Mat step = new Mat();
                subtract(smoothed, current, step);
                multiply(step, unsure, step, PREVIOUS_WEIGHT_WHEN_UNSURE, CV_32F);
                add(current, step, smoothed);
            }
            Mat feathered = new Mat();
            GaussianBlur(smoothed, feathered, new Size(0, 0), FEATHER_SIGMA);
            resize(feathered, weights, rgb.size(), 0, 0, INTER_LINEAR);
        }
        return weights;
    }

    @Override
    public void close() {
        net.close();
        smoothed.close();
        weights.close();
    }
}
