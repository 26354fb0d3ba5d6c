package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * Faces by MediaPipe BlazeFace (short range), decoded as MediaPipe's face detection graph does.
 *
 * <p>The model sees a 128x128 RGB image scaled to [-1, 1] and scores 896 SSD anchors: a 16x16 grid with 2
 * anchors a cell (stride 8) and an 8x8 grid with 6 a cell (strides 16, 16, 16 merged), all anchors 1x1 at cell
 * centres ({@code SsdAnchorsCalculator}: 4 layers, fixed anchor size, offset 0.5). Each anchor regresses
 * {@code dx, dy, w, h} in input pixels plus six keypoints; scores are logits clipped to ±100 and passed through
 * a sigmoid, kept from 0.5; overlapping boxes (IoU over 0.3) are merged by score-weighted averaging
 * ({@code NonMaxSuppressionCalculator}, WEIGHTED).
 *
 * <p>The model is made for faces that fill much of its input, so besides the whole frame (letterboxed) it also
 * looks at square tiles along the frame's long side; all detections are merged together. A detection that is not
 * sure (under {@value #CONFIDENT}) must be confirmed by a second look at a crop round it, which rejects face-like
 * texture such as a hand holding a glass.
 */
final class BlazeFace implements AutoCloseable {
    private static final int INPUT = 128;
    private static final int ANCHORS = 896;
    /** Box centre and size, then six (x, y) keypoints. */
    private static final int VALUES_PER_ANCHOR = 16;
    private static final double MIN_SCORE = 0.5;
    private static final double SCORE_CLIP = 100;
    private static final double MERGE_OVERLAP = 0.3;
    /**
     * A detection scoring under this is only kept if the model finds it again when shown it framed as its training
     * faces are ({@value #CONFIRM_CONTEXT} box widths round it). On the Megamind trailer real faces score 0.88 and
     * up, a distant face 0.5 to 0.83, and the false ones (a hand holding a glass, the back of a head) 0.5 to 0.6;
     * on a second look the hand scores nothing and distant faces 0.64 and up.
     */
    private static final double CONFIDENT = 0.8;
    private static final double CONFIRM_CONTEXT = 3;
    private static final float[][] ANCHOR_CENTRES = anchors();

    private final Net net = Models.load(Models.FACE_DETECTION_SHORT_RANGE);
    private final StringVector outputs = net.getUnconnectedOutLayersNames();

    /** Grid sizes and anchors per cell: 128/8 = 16 with 2, 128/16 = 8 with 3 merged layers of 2. */
    private static float[][] anchors() {
        int[][] grids = {{16, 2}, {8, 6}};
        float[][] centres = new float[ANCHORS][];
        int n = 0;
        for (int[] grid : grids) {
            for (int y = 0; y < grid[0]; y++) {
                for (int x = 0; x < grid[0]; x++) {
                    for (int k = 0; k < grid[1]; k++) {
                        centres[n++] = new float[] {(x + 0.5f) / grid[0], (y + 0.5f) / grid[0]};
                    }
                }
            }
        }
        return centres;
    }

    /** The faces in {@code rgb}, in frame pixels, most confident first. */
    List<FaceBox> detect(Mat rgb) {
        try (PointerScope scope = new PointerScope()) {
            List<FaceBox> raw = new ArrayList<>(detectIn(rgb, new Rect(0, 0, rgb.cols(), rgb.rows())));
            int side = Math.min(rgb.cols(), rgb.rows());
            int longSide = Math.max(rgb.cols(), rgb.rows());
            if (longSide > side * 1.2) {
                int tiles = (int) Math.ceil(longSide / (double) side);
                for (int i = 0; i < tiles; i++) {
                    int offset = (int) Math.round((longSide - side) * i / (double) (tiles - 1));
                    Rect tile = rgb.cols() >= rgb.rows() ? new Rect(offset, 0, side, side) : new Rect(0, offset, side, side);
                    raw.addAll(detectIn(rgb, tile));
                }
            }
            List<FaceBox> faces = new ArrayList<>();
            for (FaceBox face : merge(raw)) {
                // Texture that looks like a face on a small part of a big input (knuckles, curls of hair) rarely
                // does once it fills the model's view; a real face does more so.
                if (face.score() >= CONFIDENT || rescore(rgb, face, CONFIRM_CONTEXT) >= MIN_SCORE) {
                    faces.add(face);
                }
            }
            return faces;
        }
    }

    /**
     * The score the model gives {@code face} when it sees it framed as it was trained to (a square of
     * {@code context} times the box's width around it, clipped to the frame): the best score among the detections
     * there that overlap the box, 0 when none does.
     */
    double rescore(Mat rgb, FaceBox face, double context) {
        double side = Math.max(face.w(), face.h()) * context;
        int x0 = (int) Math.max(0, Math.round(face.cx() - side / 2));
        int y0 = (int) Math.max(0, Math.round(face.cy() - side / 2));
        int x1 = (int) Math.min(rgb.cols(), Math.round(face.cx() + side / 2));
        int y1 = (int) Math.min(rgb.rows(), Math.round(face.cy() + side / 2));
        if (x1 - x0 < 8 || y1 - y0 < 8) {
            return 0;
        }
        double best = 0;
        for (FaceBox seen : detectIn(rgb, new Rect(x0, y0, x1 - x0, y1 - y0))) {
            if (seen.overlap(face) > MERGE_OVERLAP) {
                best = Math.max(best, seen.score());
            }
        }
        return best;
    }

    /** Raw detections in one region of the frame, letterboxed into the model's square input. */
    private List<FaceBox> detectIn(Mat rgb, Rect region) {
        try (PointerScope scope = new PointerScope()) {
            double scale = INPUT / (double) Math.max(region.width(), region.height());
            int w = Math.max(1, (int) Math.round(region.width() * scale));
            int h = Math.max(1, (int) Math.round(region.height() * scale));
            int padX = (INPUT - w) / 2;
            int padY = (INPUT - h) / 2;
            Mat small = new Mat();
            resize(new Mat(rgb, region), small, new Size(w, h), 0, 0, INTER_AREA);
            Mat square = new Mat();
            copyMakeBorder(small, square, padY, INPUT - h - padY, padX, INPUT - w - padX, BORDER_CONSTANT, Scalar.all(0));
            net.setInput(opencv_dnn.blobFromImage(square, 1 / 127.5, new Size(INPUT, INPUT), Scalar.all(127.5),
                    false, false, CV_32F));
            MatVector result = new MatVector();
            net.forward(result, outputs);
            Mat scores = result.get(0);
            Mat boxes = result.get(1);
            if (scores.total() != ANCHORS || boxes.total() != ANCHORS * (long) VALUES_PER_ANCHOR) {
                throw new IllegalStateException("BlazeFace returned " + scores.total() + " scores and " + boxes.total()
                        + " box values; expected 896 and 14336 (classificators first, then regressors)");
            }
            // Copied out in bulk (JNI) rather than through an indexer, which uses sun.misc.Unsafe and makes JDK 24+ warn.
            float[] s = new float[ANCHORS];
            float[] b = new float[ANCHORS * VALUES_PER_ANCHOR];
            new FloatPointer(scores.clone().data()).get(s);
            new FloatPointer(boxes.clone().data()).get(b);
            List<FaceBox> found = new ArrayList<>();
            for (int i = 0; i < ANCHORS; i++) {
                double logit = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, s[i]));
                double score = 1 / (1 + Math.exp(-logit));
                if (score < MIN_SCORE) {
                    continue;
                }
                int at = i * VALUES_PER_ANCHOR;
                double cx = b[at] / INPUT + ANCHOR_CENTRES[i][0];
                double cy = b[at + 1] / INPUT + ANCHOR_CENTRES[i][1];
                double bw = b[at + 2] / INPUT;
                double bh = b[at + 3] / INPUT;
                double[] keypoints = new double[2 * FaceBox.Keypoint.values().length];
                for (int k = 0; k < keypoints.length; k += 2) {
                    keypoints[k] = region.x() + (b[at + 4 + k] + ANCHOR_CENTRES[i][0] * INPUT - padX) / scale;
                    keypoints[k + 1] = region.y() + (b[at + 5 + k] + ANCHOR_CENTRES[i][1] * INPUT - padY) / scale;
                }
                found.add(new FaceBox(region.x() + (cx * INPUT - padX) / scale, region.y() + (cy * INPUT - padY) / scale,
                        bw * INPUT / scale, bh * INPUT / scale, score, keypoints));
            }
            return found;
        }
    }

    /** Weighted non-maximum suppression: each cluster of overlapping boxes becomes their score-weighted mean. */
    static List<FaceBox> merge(List<FaceBox> boxes) {
        List<FaceBox> left = new ArrayList<>(boxes);
        left.sort(Comparator.comparingDouble(FaceBox::score).reversed());
        List<FaceBox> merged = new ArrayList<>();
        while (!left.isEmpty()) {
            FaceBox best = left.getFirst();
            double total = 0;
            double cx = 0;
            double cy = 0;
            double w = 0;
            double h = 0;
            double[] keypoints = new double[best.keypoints().length];
            double keypointTotal = 0;
            List<FaceBox> cluster = new ArrayList<>();
            for (FaceBox box : left) {
                if (box == best || best.overlap(box) > MERGE_OVERLAP) {
                    cluster.add(box);
                    total += box.score();
                    cx += box.cx() * box.score();
                    cy += box.cy() * box.score();
                    w += box.w() * box.score();
                    h += box.h() * box.score();
                    if (box.keypoints().length == keypoints.length) {
                        keypointTotal += box.score();
                        for (int k = 0; k < keypoints.length; k++) {
                            keypoints[k] += box.keypoints()[k] * box.score();
                        }
                    }
                }
            }
            left.removeAll(cluster);
            for (int k = 0; k < keypoints.length; k++) {
                keypoints[k] /= keypointTotal;
            }
            merged.add(new FaceBox(cx / total, cy / total, w / total, h / total, best.score(), keypoints));
        }
        return merged;
    }

    @Override
    public void close() {
        outputs.close();
        net.close();
    }
}
