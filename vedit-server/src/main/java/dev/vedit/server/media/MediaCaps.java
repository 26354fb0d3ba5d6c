package dev.vedit.server.media;

/**
 * Global caps on input media, applied on top of each model's own limits.
 *
 * @param maxDurationSeconds longest video for models without a limit of their own
 * @param maxWidth           widest video frame
 * @param maxHeight          tallest video frame
 * @param maxFrames          most video frames
 * @param maxStreams         most streams in one file
 * @param maxImageSide       longest side of a reference image
 */
public record MediaCaps(double maxDurationSeconds, int maxWidth, int maxHeight, long maxFrames, int maxStreams, int maxImageSide) {

    public static MediaCaps defaults() {
        return new MediaCaps(600, 4096, 4096, 600L * 120, 8, 8192);
    }
}
