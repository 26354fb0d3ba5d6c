package dev.vedit.server.engine.local.vision;

/**
 * A face found in a frame, in frame pixels.
 *
 * @param cx        centre x
 * @param cy        centre y
 * @param w         width
 * @param h         height
 * @param score     the detector's confidence, 0 to 1
 * @param keypoints BlazeFace's six keypoints as x, y pairs in frame pixels, in its order (see {@link Keypoint}); empty
 *                  when unknown (a box made by hand)
 */
record FaceBox(double cx, double cy, double w, double h, double score, double[] keypoints) {

    /** BlazeFace's keypoints, in the order the model gives them ("right" is the person's own right). */
    enum Keypoint {
        RIGHT_EYE, LEFT_EYE, NOSE_TIP, MOUTH, RIGHT_EAR, LEFT_EAR
    }

    FaceBox(double cx, double cy, double w, double h, double score) {
        this(cx, cy, w, h, score, new double[0]);
    }

    boolean hasKeypoints() {
        return keypoints.length == 2 * Keypoint.values().length;
    }

    double x(Keypoint k) {
        return keypoints[2 * k.ordinal()];
    }

    double y(Keypoint k) {
        return keypoints[2 * k.ordinal() + 1];
    }

    double area() {
        return Math.max(0, w) * Math.max(0, h);
    }

    /** Intersection over union with another box. */
    double overlap(FaceBox other) {
        double ix = Math.min(cx + w / 2, other.cx + other.w / 2) - Math.max(cx - w / 2, other.cx - other.w / 2);
        double iy = Math.min(cy + h / 2, other.cy + other.h / 2) - Math.max(cy - h / 2, other.cy - other.h / 2);
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double intersection = ix * iy;
        return intersection / (area() + other.area() - intersection);
    }

    /** This box moved part of the way towards {@code next} ({@code weight} 1 means all the way), keypoints too. */
    FaceBox towards(FaceBox next, double weight) {
        double[] points = next.keypoints.clone();
        if (hasKeypoints() && next.hasKeypoints()) {
            for (int i = 0; i < points.length; i++) {
                points[i] = keypoints[i] + (next.keypoints[i] - keypoints[i]) * weight;
            }
        }
        return new FaceBox(cx + (next.cx - cx) * weight, cy + (next.cy - cy) * weight,
                w + (next.w - w) * weight, h + (next.h - h) * weight, next.score, points);
    }
}
