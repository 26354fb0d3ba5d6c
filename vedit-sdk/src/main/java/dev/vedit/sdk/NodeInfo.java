package dev.vedit.sdk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One override of a workflow run (RunningHub's {@code nodeInfoList}): sets input {@code fieldName} of node {@code nodeId}.
 * A media input (LoadImage, LoadVideo, LoadAudio) takes an upload's {@code fileName}, its {@code download_url} or a public
 * URL; other inputs take the value in the type they hold (a string such as {@code "30"} is converted by the service).
 *
 * @param nodeId     the node's key in the API-format workflow, e.g. {@code "6"}
 * @param fieldName  the input's name, e.g. {@code "text"}
 * @param fieldValue the value
 */
@JsonPropertyOrder({"nodeId", "fieldName", "fieldValue"})
public record NodeInfo(String nodeId, String fieldName, Object fieldValue) {
    public NodeInfo {
        if (nodeId == null || nodeId.isBlank() || fieldName == null || fieldName.isBlank()) {
            throw new IllegalArgumentException("a node override needs a nodeId and a fieldName");
        }
    }

    public static NodeInfo of(String nodeId, String fieldName, Object fieldValue) {
        return new NodeInfo(nodeId, fieldName, fieldValue);
    }

    /**
     * Parses {@code NODE.FIELD=VALUE} (the CLI's {@code --set}); the value stays a string, which the service converts.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static NodeInfo parse(String text) {
        int eq = text.indexOf('=');
        int dot = eq < 0 ? -1 : text.substring(0, eq).indexOf('.');
        if (eq < 0 || dot <= 0 || dot == eq - 1) {
            throw new IllegalArgumentException("expected NODE.FIELD=VALUE (e.g. 6.text=a red fox), not '" + text + "'");
        }
        return new NodeInfo(text.substring(0, dot).strip(), text.substring(dot + 1, eq).strip(), text.substring(eq + 1));
    }
}
