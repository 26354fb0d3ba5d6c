package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.ffmpeg.FfmpegFailure;

/** FFmpeg's failures as the local engine reports them: same code, message and retry advice. */
final class LocalFailures {
    private LocalFailures() {
    }

    static EngineFailure of(FfmpegFailure f) {
        return new EngineFailure(f.code(), f.getMessage(), f.transientFailure(), f.step(), f.getCause());
    }
}
