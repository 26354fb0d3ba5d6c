package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One output of a finished task, an item of {@code results}.
 *
 * @param url        where to download it with a plain GET (expires)
 * @param outputType the file extension, e.g. {@code mp4}
 * @param nodeId     the node of the workflow that produced it
 * @param text       text output, {@code null} for media
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"url", "outputType", "nodeId", "text"})
public record TaskResult(String url, String outputType, String nodeId, String text) {
}
