package dev.vedit.server.vision;

/**
 * A face found in a frame, in frame pixels.
 *
 * @param cx    centre x
 * @param cy    centre y
 * @param w     width
 * @param h     height
 * @param score the detector's confidence, 0 to 1
 */
record FaceBox(double cx, double cy, double w, double h, double score) {

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

    /** This box moved part of the way towards {@code next} ({@code weight} 1 means all the way). */
    FaceBox towards(FaceBox next, double weight) {
        return new FaceBox(cx + (next.cx - cx) * weight, cy + (next.cy - cy) * weight,
                w + (next.w - w) * weight, h + (next.h - h) * weight, next.score);
    }
}
