package dev.vedit.server.facts;

/**
 * What ffprobe found in a media file.
 *
 * @param formatName      the container, as ffprobe names it (e.g. {@code mov,mp4,m4a,3gp,3g2,mj2})
 * @param durationSeconds the duration, 0 when unknown (still images)
 * @param sizeBytes       the file size
 * @param streamCount     how many streams of any kind
 * @param hasVideo        whether there is a video stream (an attached picture does not count)
 * @param width           of the first video stream, 0 without one
 * @param height          of the first video stream, 0 without one
 * @param frameRate       frames per second of the first video stream, 0 when unknown
 * @param frameCount      frames of the first video stream (counted or estimated), 0 when unknown
 * @param videoCodec      codec of the first video stream, or {@code null}
 * @param hasAudio        whether there is an audio stream
 * @param audioCodec      codec of the first audio stream, or {@code null}
 * @param audioChannels   channels of the first audio stream, 0 without one or when unknown (a render keeps mono mono)
 */
public record MediaInfo(
        String formatName,
        double durationSeconds,
        long sizeBytes,
        int streamCount,
        boolean hasVideo,
        int width,
        int height,
        double frameRate,
        long frameCount,
        String videoCodec,
        boolean hasAudio,
        String audioCodec,
        int audioChannels) {

    /** Without the channel count (unknown). */
    public MediaInfo(String formatName, double durationSeconds, long sizeBytes, int streamCount, boolean hasVideo, int width,
                     int height, double frameRate, long frameCount, String videoCodec, boolean hasAudio, String audioCodec) {
        this(formatName, durationSeconds, sizeBytes, streamCount, hasVideo, width, height, frameRate, frameCount, videoCodec,
                hasAudio, audioCodec, 0);
    }
}
