package dev.vedit.server.engine.local.vision;

import java.util.ArrayList;
import java.util.List;

/**
 * Faces followed from frame to frame, so that a face the detector misses for a few frames (a turn of the head,
 * motion blur) stays hidden instead of flashing into view, and boxes do not jitter.
 */
final class FaceTracks {
    /** A detection continues a track when they overlap at least this much (IoU). */
    private static final double SAME_FACE = 0.2;
    /** How far a track moves towards its new detection each frame; the rest is the old position. */
    private static final double FOLLOW = 0.7;

    private final int holdFrames;
    private final List<Track> tracks = new ArrayList<>();

    /** @param holdFrames how many frames a face stays hidden after the detector last saw it */
    FaceTracks(int holdFrames) {
        this.holdFrames = holdFrames;
    }

    private static final class Track {
        FaceBox box;
        int missed;

        Track(FaceBox box) {
            this.box = box;
        }
    }

    /** Takes this frame's detections and returns the faces to hide in it. */
    List<FaceBox> update(List<FaceBox> detections) {
        List<Track> unmatched = new ArrayList<>(tracks);
        for (FaceBox detection : detections) {
            Track best = null;
            double bestOverlap = SAME_FACE;
            for (Track track : unmatched) {
                double overlap = track.box.overlap(detection);
                if (overlap >= bestOverlap) {
                    best = track;
                    bestOverlap = overlap;
                }
            }
            if (best == null) {
                tracks.add(new Track(detection));
            } else {
                best.box = best.box.towards(detection, FOLLOW);
                best.missed = 0;
                unmatched.remove(best);
            }
        }
        for (Track track : unmatched) {
            track.missed++;
        }
        tracks.removeIf(track -> track.missed > holdFrames);
        return tracks.stream().map(track -> track.box).toList();
    }
}
