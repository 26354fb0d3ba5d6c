package dev.vedit.server.task;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelSpec;
import java.nio.file.Path;

/**
 * Judges a fetched input against its field's and the model's limits before any work is spent on it. The media
 * layer implements it with ffprobe ({@code media.MediaChecks}); the task system only asks, so it needs no FFmpeg.
 */
public interface InputChecks {

    /** The video's facts, once it is readable and within the limits. */
    MediaInfo checkVideo(Path file, FieldSpec field, ModelSpec model) throws EngineFailure;

    /** Passes when reference image {@code index} of {@code field} is readable and within the largest side. */
    void checkImage(Path file, FieldSpec field, int index) throws EngineFailure;
}
