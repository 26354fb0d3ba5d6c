package dev.vedit.server.engine.local.vision;

import org.bytedeco.opencv.opencv_core.Mat;

/** Says, for each pixel of a frame, how much of it is foreground (kept) rather than background (replaced). */
interface ForegroundMask extends AutoCloseable {

    /**
     * The foreground weight of each pixel of {@code rgb} (called once per frame, in order): a {@code CV_32FC1}
     * matrix of the frame's size with values 0 (background) to 1 (foreground), edges already soft. Valid until
     * the next call.
     */
    Mat weights(Mat rgb);

    @Override
    void close();
}
