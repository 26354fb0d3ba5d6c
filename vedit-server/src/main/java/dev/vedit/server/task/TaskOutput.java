package dev.vedit.server.task;

/**
 * A stored result of a task.
 *
 * @param index      its position in {@code results}
 * @param mediaKey   the media store key
 * @param outputType the file extension, e.g. {@code mp4}
 * @param nodeId     the engine step that produced it
 * @param linkToken  the token of its download link
 */
public record TaskOutput(int index, String mediaKey, String outputType, String nodeId, String linkToken) {
}
