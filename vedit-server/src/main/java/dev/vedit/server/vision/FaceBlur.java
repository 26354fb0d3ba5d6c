package dev.vedit.server.vision;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Hides every face: a heavy blur, or coarse pixel blocks, over the face box widened to take in hair and chin. */
final class FaceBlur implements FrameFilter {
    /** How the faces are hidden. */
    enum Style {
        BLUR, PIXELATE
    }

    /** BlazeFace boxes run from brow to mouth; these take in the forehead, hair, ears and chin. */
    private static final double WIDEN = 1.5;
    private static final double HEIGHTEN = 1.8;
    private static final double RAISE = 0.1;
    /** Blocks across a face when pixelating, and the width a face is shrunk to before blurring. */
    private static final int PIXEL_BLOCKS = 10;
    private static final int BLUR_DETAIL = 8;

    private final BlazeFace detector = new BlazeFace();
    private final FaceTracks tracks;
    private final Style style;

    FaceBlur(Style style, int holdFrames) {
        this.style = style;
        this.tracks = new FaceTracks(holdFrames);
    }

    @Override
    public void apply(Mat rgb) {
        List<FaceBox> faces = tracks.update(detector.detect(rgb));
        try (PointerScope scope = new PointerScope()) {
            for (FaceBox face : faces) {
                Rect area = region(face, rgb.cols(), rgb.rows());
                if (area.width() < 2 || area.height() < 2) {
                    continue;
                }
                hide(new Mat(rgb, area));
            }
        }
    }

    /** The frame area hidden for {@code face}, clipped to the frame. */
    static Rect region(FaceBox face, int frameWidth, int frameHeight) {
        double w = face.w() * WIDEN;
        double h = face.h() * HEIGHTEN;
        double cy = face.cy() - face.h() * RAISE;
        int x0 = (int) Math.max(0, Math.floor(face.cx() - w / 2));
        int y0 = (int) Math.max(0, Math.floor(cy - h / 2));
        int x1 = (int) Math.min(frameWidth, Math.ceil(face.cx() + w / 2));
        int y1 = (int) Math.min(frameHeight, Math.ceil(cy + h / 2));
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    private void hide(Mat area) {
        try (PointerScope scope = new PointerScope()) {
            Mat restored = new Mat();
            if (style == Style.PIXELATE) {
                resize(shrunk(area, PIXEL_BLOCKS), restored, area.size(), 0, 0, INTER_NEAREST);
            } else {
                // A blur this wide, done at full size, costs a frame's whole time budget; at a few pixels across
                // it is nearly free, and one bicubic step up to a middle size smooths it before the linear step
                // up to the face's size.
                Mat tiny = shrunk(area, BLUR_DETAIL);
                GaussianBlur(tiny, tiny, new Size(3, 3), 0);
                Mat middle = new Mat();
                resize(tiny, middle, new Size(tiny.cols() * 4, tiny.rows() * 4), 0, 0, INTER_CUBIC);
                GaussianBlur(middle, middle, new Size(0, 0), 2);
                resize(middle, restored, area.size(), 0, 0, INTER_LINEAR);
            }
            restored.copyTo(area);
        }
    }

    /** {@code area} shrunk so its longer side is {@code across} pixels (never enlarged). */
    private static Mat shrunk(Mat area, int across) {
        double shrink = Math.min(1.0, across / (double) Math.max(area.cols(), area.rows()));
        Mat small = new Mat();
        resize(area, small, new Size(Math.max(1, (int) Math.round(area.cols() * shrink)),
                Math.max(1, (int) Math.round(area.rows() * shrink))), 0, 0, INTER_AREA);
        return small;
    }

    @Override
    public void close() {
        detector.close();
    }
}
