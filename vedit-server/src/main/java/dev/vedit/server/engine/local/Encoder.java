package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import java.util.List;
import java.util.Locale;

/**
 * The video encoder settings of a render: H.264 in yuv420p, which every player takes, at a preset and CRF that a
 * plan's {@code encode} operations may set, or at the bitrate that fits a file size it asks for.
 *
 * @param preset      x264 preset
 * @param crf         x264 constant rate factor
 * @param maxMegabytes the largest file asked for ("under 25 MB"), or 0 for none: the video is then encoded at the
 *                    average bitrate that fits it, beside the sound
 */
record Encoder(String preset, int crf, double maxMegabytes) {
    static final String DEFAULT_PRESET = "veryfast";
    static final int DEFAULT_CRF = 23;
    static final Encoder DEFAULT = new Encoder(DEFAULT_PRESET, DEFAULT_CRF, 0);
    /** AAC at 128 kb/s: transparent enough for speech and music in a short clip, and what MP4 players expect. */
    static final List<String> AUDIO = List.of("-c:a", "aac", "-b:a", "128k");
    private static final int AUDIO_BITS_PER_SECOND = 128_000;
    /** Of a file size asked for, the share the streams may fill: the rest is for the container and the rate's drift. */
    private static final double SIZE_MARGIN = 0.9;
    /** Below this a picture is not worth sending: the size asked for cannot be met honestly. */
    static final int MIN_VIDEO_KBPS = 100;

    /** Each setting from the last {@code encode} operation that gives it ("compress it, under 10 MB, as MP4"). */
    static Encoder of(EditPlan plan) {
        Object preset = DEFAULT_PRESET;
        Object crf = DEFAULT_CRF;
        Object max = 0;
        for (EditOperation encode : plan.operations().stream().filter(Operation.ENCODE::is).toList()) {
            preset = encode.params().getOrDefault("preset", preset);
            crf = encode.params().getOrDefault("crf", crf);
            max = encode.params().getOrDefault("max_mb", max);
        }
        return new Encoder(String.valueOf(preset), ((Number) crf).intValue(), ((Number) max).doubleValue());
    }

    List<String> videoArguments() {
        return List.of("-c:v", "libx264", "-preset", preset, "-crf", String.valueOf(crf), "-pix_fmt", "yuv420p");
    }

    /** The arguments for an output of {@code seconds}, with or without its sound: a size asked for sets the bitrate. */
    List<String> videoArguments(double seconds, boolean withAudio) throws EngineFailure {
        if (maxMegabytes <= 0) {
            return videoArguments();
        }
        double bits = maxMegabytes * 1_000_000 * 8 * SIZE_MARGIN - (withAudio ? AUDIO_BITS_PER_SECOND * seconds : 0);
        long kbps = (long) Math.floor(bits / seconds / 1000);
        if (kbps < MIN_VIDEO_KBPS) {
            String size = Rule.written(maxMegabytes);
            throw RenderCommand.limit(String.format(Locale.ROOT, "%.1f s of video do not fit in %s MB at a watchable quality "
                            + "(at least %d kb/s of picture): ask for a larger file, or trim the video first", seconds, size, MIN_VIDEO_KBPS),
                    String.format(Locale.ROOT, "%.1f 秒的视频无法在画质可看的前提下压到 %s MB 以内（画面至少需要 %d kb/s）：请放宽大小，或先截短视频",
                            seconds, size, MIN_VIDEO_KBPS));
        }
        String rate = kbps + "k";
        // one pass at an average rate, capped by a one-second buffer, so no stretch of the clip overspends the budget
        return List.of("-c:v", "libx264", "-preset", preset, "-b:v", rate, "-maxrate", rate, "-bufsize", rate, "-pix_fmt", "yuv420p");
    }

    /** As the benchmark and the logs print it. */
    @Override
    public String toString() {
        return "libx264 " + preset + (maxMegabytes > 0 ? " under " + Rule.written(maxMegabytes) + " MB" : " crf " + crf) + " yuv420p";
    }
}
