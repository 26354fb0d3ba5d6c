package dev.vedit.server.engine;

import dev.vedit.server.ffmpeg.MediaInfo;
import dev.vedit.wire.ValidatedRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * The media of a task, fetched, checked and on local disk.
 *
 * @param request   the validated request (prompt and model options)
 * @param video     the source video, or {@code null} when the model allows none and none was given
 * @param videoInfo what ffprobe found in it, or {@code null} with no video
 * @param images    reference images in order: Figure 1 is index 0
 */
public record EngineInputs(ValidatedRequest request, Path video, MediaInfo videoInfo, List<Path> images) {
    public EngineInputs {
        images = List.copyOf(images);
    }
}
