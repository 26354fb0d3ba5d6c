package dev.vedit.server.engine;

import java.nio.file.Path;

/**
 * A file an engine produced.
 *
 * @param file       where it is, under the run's work dir (the worker moves it into the media store)
 * @param outputType its file extension, e.g. {@code mp4}
 * @param nodeId     the id of the step that produced it (a ComfyUI node id, or the local engine's step)
 */
public record EngineOutput(Path file, String outputType, String nodeId) {
}
