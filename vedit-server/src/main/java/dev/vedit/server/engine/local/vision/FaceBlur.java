package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
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
    /** The head round the keypoints, in eyes-to-mouth distances (see {@link #head}). */
    private static final double HEAD_ABOVE_EYES = 2.0;
    private static final double CHIN_BELOW_MOUTH = 0.9;
    private static final double HEAD_HALF_WIDTH = 1.4;
    /** Ears (tragion) sit a little inside the head's outline and hair. */
    private static final double EAR_MARGIN = 1.2;
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
            for (int[] area : joined(faces.stream().map(face -> region(face, rgb.cols(), rgb.rows()))
                    .map(r -> new int[] {r.x(), r.y(), r.x() + r.width(), r.y() + r.height()}).toList())) {
                if (area[2] - area[0] < 2 || area[3] - area[1] < 2) {
                    continue;
                }
                hide(new Mat(rgb, new Rect(area[0], area[1], area[2] - area[0], area[3] - area[1])));
            }
        }
    }

    /**
     * Areas ({x0, y0, x1, y1}) where overlapping ones are replaced by their bounding box, until none overlap: hidden
     * one after the other, the second would cut a sharp seam through the first face.
     */
    static List<int[]> joined(List<int[]> areas) {
        List<int[]> left = new ArrayList<>(areas);
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < left.size(); i++) {
                for (int j = i + 1; j < left.size(); j++) {
                    int[] a = left.get(i);
                    int[] b = left.get(j);
                    if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) {
                        left.set(i, new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]),
                                Math.max(a[3], b[3])});
                        left.remove(j);
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        return left;
    }

    /**
     * The frame area hidden for {@code face}, clipped to the frame: the detector's box widened, and with keypoints
     * also the whole head as the keypoints place it ({@link #head}), whichever reaches further on each side.
     */
    static Rect region(FaceBox face, int frameWidth, int frameHeight) {
        double w = face.w() * WIDEN;
        double h = face.h() * HEIGHTEN;
        double cy = face.cy() - face.h() * RAISE;
        double[] box = {face.cx() - w / 2, cy - h / 2, face.cx() + w / 2, cy + h / 2};
        double[] head = head(face);
        if (head != null) {
            box = new double[] {Math.min(box[0], head[0]), Math.min(box[1], head[1]), Math.max(box[2], head[2]),
                    Math.max(box[3], head[3])};
        }
        int x0 = (int) Math.max(0, Math.floor(box[0]));
        int y0 = (int) Math.max(0, Math.floor(box[1]));
        int x1 = (int) Math.min(frameWidth, Math.ceil(box[2]));
        int y1 = (int) Math.min(frameHeight, Math.ceil(box[3]));
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /**
     * The head round a face's keypoints as {x0, y0, x1, y1}, or {@code null} without keypoints. The eyes-to-mouth
     * distance is the face's own unit and its direction the face's own "down", so a tilted or bowed head is
     * covered along its own axis: the top of the head (forehead and hair) is {@value #HEAD_ABOVE_EYES} units above
     * the eyes (in adults the eye line sits about 1.7 units under the crown), the chin {@value #CHIN_BELOW_MOUTH}
     * below the mouth, and the sides {@value #HEAD_HALF_WIDTH} units from the middle, or further where the ears
     * are. The detector's own box starts near the eyebrows, which left high foreheads and tilted heads bare.
     */
    static double[] head(FaceBox face) {
        if (!face.hasKeypoints()) {
            return null;
        }
        double ex = (face.x(FaceBox.Keypoint.RIGHT_EYE) + face.x(FaceBox.Keypoint.LEFT_EYE)) / 2;
        double ey = (face.y(FaceBox.Keypoint.RIGHT_EYE) + face.y(FaceBox.Keypoint.LEFT_EYE)) / 2;
        double dx = face.x(FaceBox.Keypoint.MOUTH) - ex;
        double dy = face.y(FaceBox.Keypoint.MOUTH) - ey;
        double unit = Math.hypot(dx, dy);
        if (unit < 1) {
            return null;
        }
        dx /= unit;
        dy /= unit;
        double ears = Math.hypot(face.x(FaceBox.Keypoint.LEFT_EAR) - face.x(FaceBox.Keypoint.RIGHT_EAR),
                face.y(FaceBox.Keypoint.LEFT_EAR) - face.y(FaceBox.Keypoint.RIGHT_EAR));
        double half = Math.max(HEAD_HALF_WIDTH * unit, EAR_MARGIN * ears / 2);
        double cx = (face.x(FaceBox.Keypoint.RIGHT_EAR) + face.x(FaceBox.Keypoint.LEFT_EAR)) / 2;
        double cyEars = (face.y(FaceBox.Keypoint.RIGHT_EAR) + face.y(FaceBox.Keypoint.LEFT_EAR)) / 2;
        // The head's middle line runs through the eyes and mouth; the ears' midpoint pulls it towards the back of
        // a turned head, so the side away from the camera is covered too.
        double[] along = {ex - dx * HEAD_ABOVE_EYES * unit, ey - dy * HEAD_ABOVE_EYES * unit,
                face.x(FaceBox.Keypoint.MOUTH) + dx * CHIN_BELOW_MOUTH * unit,
                face.y(FaceBox.Keypoint.MOUTH) + dy * CHIN_BELOW_MOUTH * unit};
        double shiftX = (cx - ex) - dx * ((cx - ex) * dx + (cyEars - ey) * dy);
        double shiftY = (cyEars - ey) - dy * ((cx - ex) * dx + (cyEars - ey) * dy);
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int end = 0; end < 4; end += 2) {
            for (int side = -1; side <= 1; side += 2) {
                for (double shift = 0; shift <= 1; shift++) {
                    // The perpendicular of "down" (dx, dy) is (-dy, dx).
                    double x = along[end] + side * half * -dy + shift * shiftX;
                    double y = along[end + 1] + side * half * dx + shift * shiftY;
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new double[] {x0, y0, x1, y1};
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
