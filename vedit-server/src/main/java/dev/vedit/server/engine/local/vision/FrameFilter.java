package dev.vedit.server.engine.local.vision;

import org.bytedeco.opencv.opencv_core.Mat;

/** One vision operation applied to every frame in turn. Holds per-video state (smoothed masks, face tracks). */
interface FrameFilter extends AutoCloseable {

    /** Edits {@code rgb} (8-bit, 3 channels, RGB order) in place. */
    void apply(Mat rgb);

    @Override
    void close();
}
