package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.blendLinear;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Puts the foreground of every frame over a still image (Figure N), scaled to cover the frame and centred. */
final class BackgroundReplacement implements FrameFilter {
    private final ForegroundMask foreground;
    private final Mat background;

    BackgroundReplacement(ForegroundMask foreground, Mat image, Size frame) {
        this.foreground = foreground;
        this.background = cover(image, frame);
    }

    /** {@code image} scaled (keeping its shape) to the smallest size that covers {@code frame}, centre-cropped. */
    static Mat cover(Mat image, Size frame) {
        double scale = Math.max(frame.width() / (double) image.cols(), frame.height() / (double) image.rows());
        int w = Math.max(frame.width(), (int) Math.ceil(image.cols() * scale));
        int h = Math.max(frame.height(), (int) Math.ceil(image.rows() * scale));
        Mat result = new Mat();
        try (PointerScope scope = new PointerScope()) {
            Mat scaled = new Mat();
            resize(image, scaled, new Size(w, h), 0, 0, INTER_AREA);
            new Mat(scaled, new Rect((w - frame.width()) / 2, (h - frame.height()) / 2, frame.width(), frame.height()))
                    .copyTo(result);
        }
        return result;
    }

    @Override
    public void apply(Mat rgb) {
        Mat keep = foreground.weights(rgb);
        try (PointerScope scope = new PointerScope()) {
            Mat replace = new Mat();
            keep.convertTo(replace, CV_32F, -1, 1);
            Mat blended = new Mat();
            blendLinear(rgb, background, keep, replace, blended);
            blended.copyTo(rgb);
        }
    }

    @Override
    public void close() {
        foreground.close();
        background.close();
    }
}
