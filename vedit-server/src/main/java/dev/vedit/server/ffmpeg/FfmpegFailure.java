package dev.vedit.server.ffmpeg;

import dev.vedit.wire.ErrorCode;

/**
 * An FFmpeg run that failed: killed for time or CPU, cancelled, unable to decode, or ending without output. FFmpeg's
 * own failure type, so this package knows nothing of engines; an engine turns it into its failure with
 * {@link #code()}, {@link #getMessage()} (bilingual, FFmpeg's output cleaned of paths) and {@link #transientFailure()}.
 */
public final class FfmpegFailure extends Exception {
    private final ErrorCode code;
    private final boolean transientFailure;
    private final String step;

    public FfmpegFailure(ErrorCode code, String bilingualMessage, boolean transientFailure, String step, Throwable cause) {
        super(bilingualMessage, cause);
        this.code = code;
        this.transientFailure = transientFailure;
        this.step = step;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether running it again may succeed (the process crashed) rather than fail the same way. */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** Which step failed, e.g. {@code ffmpeg}. */
    public String step() {
        return step;
    }
}
