package dev.vedit.server.engine;

import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.ValidatedRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * The media of a task as its engine asked for it ({@link Engine#inputMode()}): fetched, checked and on local disk,
 * or left as the URLs the client sent, with {@link #media} to bring one of this server's own files to disk.
 *
 * @param request   the validated request (prompt, model options and the media URLs)
 * @param video     the source video on disk, or {@code null} with no video or in {@link InputMode#URLS} mode
 * @param videoInfo what ffprobe found in it, or {@code null}
 * @param images    reference images on disk in order (Figure 1 is index 0); empty in {@link InputMode#URLS} mode
 * @param media     reads this server's own media (uploads, results) for an engine that must pass them on
 */
public record EngineInputs(ValidatedRequest request, Path video, MediaInfo videoInfo, List<Path> images, InputMedia media) {
    public EngineInputs {
        images = List.copyOf(images);
    }

    public EngineInputs(ValidatedRequest request, Path video, MediaInfo videoInfo, List<Path> images) {
        this(request, video, videoInfo, images, InputMedia.NONE);
    }
}
