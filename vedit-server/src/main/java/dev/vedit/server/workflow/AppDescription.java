package dev.vedit.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an AI app lets a client set (RunningHub's {@code apiCallDemo}): a name, and the node inputs with their types and
 * descriptions in English and Chinese. {@code ai-app/run} accepts exactly these inputs and no others.
 *
 * @param webappName the app's name
 * @param fields     the inputs a client may set, in order
 * @param source     the description as the operator wrote it (shown by {@code apiCallDemo})
 */
public record AppDescription(String webappName, List<Field> fields, ObjectNode source) {
    public AppDescription {
        fields = List.copyOf(fields);
    }

    /** The contract's field types (closed set): what a client sends and how vedit treats it. */
    public enum FieldType {
        IMAGE, VIDEO, AUDIO, STRING, LIST, INT, FLOAT, SWITCH;

        boolean media() {
            return this == IMAGE || this == VIDEO || this == AUDIO;
        }
    }

    /** One input a client may set. */
    public record Field(String nodeId, String nodeName, String fieldName, JsonNode fieldValue, FieldType fieldType, JsonNode fieldData,
                        String description, String descriptionEn) {
    }

    public boolean allows(String nodeId, String fieldName) {
        return fields.stream().anyMatch(f -> f.nodeId().equals(nodeId) && f.fieldName().equals(fieldName));
    }

    /**
     * Reads an app file ({@code {"webappName": …, "nodeInfoList": [{nodeId, nodeName, fieldName, fieldValue, fieldType,
     * fieldData, description, descriptionEn}]}}) and checks every field against the workflow.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static AppDescription read(JsonNode root, ObjectNode graph) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the app description is not a JSON object");
        }
        JsonNode list = root.get("nodeInfoList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the app description needs a non-empty \"nodeInfoList\": the inputs a client may set,"
                    + " each {nodeId, fieldName, fieldType, description, descriptionEn}");
        }
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : list) {
            String nodeId = f.path("nodeId").asText("");
            String fieldName = f.path("fieldName").asText("");
            JsonNode node = graph.get(nodeId);
            if (node == null) {
                throw new IllegalArgumentException("the app description names node \"" + nodeId + "\", which is not in the workflow");
            }
            if (!node.path("inputs").has(fieldName)) {
                throw new IllegalArgumentException("the app description names input \"" + fieldName + "\" of node " + nodeId
                        + " (" + node.path("class_type").asText() + "), which has no such input");
            }
            FieldType type;
            try {
                type = FieldType.valueOf(f.path("fieldType").asText("STRING").toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the app description gives node " + nodeId + "." + fieldName + " the fieldType \""
                        + f.path("fieldType").asText() + "\"; known: IMAGE, VIDEO, AUDIO, STRING, LIST, INT, FLOAT, SWITCH");
            }
            JsonNode value = f.has("fieldValue") ? f.get("fieldValue") : node.path("inputs").get(fieldName);
            fields.add(new Field(nodeId, f.path("nodeName").asText(node.path("class_type").asText()), fieldName, value, type,
                    f.get("fieldData"), f.path("description").asText(""), f.path("descriptionEn").asText("")));
        }
        return new AppDescription(root.path("webappName").asText(""), fields, (ObjectNode) root);
    }
}
