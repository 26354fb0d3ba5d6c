package dev.vedit.server.engine.local.vision;

/**
 * What a vision pass did, for logs and the benchmark.
 *
 * @param frames       frames processed
 * @param videoSeconds how much video they make up
 * @param wallSeconds  how long the pass took, decoding and encoding included
 * @param background   how the foreground was found for {@code replace_background} ({@code person} or
 *                     {@code motion}), or {@code null} without one
 */
public record VisionRun(long frames, double videoSeconds, double wallSeconds, String background) {

    /** Seconds of video per second of work: 1.0 is real time, above is faster. */
    public double realtimeFactor() {
        return wallSeconds <= 0 ? Double.POSITIVE_INFINITY : videoSeconds / wallSeconds;
    }
}
