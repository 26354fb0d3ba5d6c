package dev.vedit.server.engine.local;

import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import java.util.List;

/**
 * The video encoder settings of a render: H.264 in yuv420p, which every player takes, at a preset and CRF that a
 * plan's {@code encode} operation may set (the last one wins).
 *
 * @param preset x264 preset
 * @param crf    x264 constant rate factor
 */
record Encoder(String preset, int crf) {
    static final String DEFAULT_PRESET = "veryfast";
    static final int DEFAULT_CRF = 23;
    static final Encoder DEFAULT = new Encoder(DEFAULT_PRESET, DEFAULT_CRF);
    /** AAC at 128 kb/s: transparent enough for speech and music in a short clip, and what MP4 players expect. */
    static final List<String> AUDIO = List.of("-c:a", "aac", "-b:a", "128k");

    static Encoder of(EditPlan plan) {
        EditOperation encode = plan.operations().stream().filter(Operation.ENCODE::is).reduce((x, y) -> y).orElse(null);
        return encode == null ? DEFAULT
                : new Encoder(String.valueOf(encode.params().get("preset")), ((Number) encode.params().get("crf")).intValue());
    }

    List<String> videoArguments() {
        return List.of("-c:v", "libx264", "-preset", preset, "-crf", String.valueOf(crf), "-pix_fmt", "yuv420p");
    }

    /** As the benchmark and the logs print it. */
    @Override
    public String toString() {
        return "libx264 " + preset + " crf " + crf + " yuv420p";
    }
}
