package dev.vedit.server.ffmpeg;

import java.nio.file.Path;
import java.time.Duration;

/** Placeholder replaced by the engine branch at merge. */
public final class Ffmpeg {
    public static Ffmpeg locate(Path cacheDir) {
        throw new UnsupportedOperationException();
    }

    public MediaInfo probe(Path file, Duration timeout) {
        throw new UnsupportedOperationException();
    }
}
