package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a template against what a server says it can run ({@code /object_info}) before any task costs GPU time: every
 * node class present, every fixed choice (model file names in the loaders' lists, sampler names) one the server offers.
 * Problems come out in ComfyUI's own {@code node_errors} shape, so they read like a rejected prompt.
 */
final class TemplateCheck {
    private TemplateCheck() {
    }

    /** ComfyUI-shaped {@code node_errors} for this template on a server with this object_info; empty when it can run. */
    static ObjectNode nodeErrors(Template template, JsonNode objectInfo, ObjectMapper json) {
        ObjectNode errors = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.workflow().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            String classType = node.getValue().path("class_type").asText();
            JsonNode info = objectInfo.get(classType);
            List<ObjectNode> problems = new ArrayList<>();
            if (info == null) {
                problems.add(error(json, "missing_node_type", "Node '" + classType + "' not found",
                        "the server has no node class " + classType + " (install the custom node or update ComfyUI)", null));
            } else {
                node.getValue().path("inputs").fields().forEachRemaining(in -> {
                    if (bound(template, node.getKey(), in.getKey()) || in.getValue().isArray() && in.getValue().size() == 2
                            && in.getValue().get(1).isNumber()) {
                        return; // filled per task, or a link to another node
                    }
                    JsonNode spec = spec(info, in.getKey());
                    List<String> options = options(spec);
                    if (options != null && !options.contains(in.getValue().asText())) {
                        problems.add(error(json, "value_not_in_list", "Value not in list",
                                in.getKey() + ": '" + in.getValue().asText() + "' not in " + shortList(options), in.getKey()));
                    }
                });
            }
            if (!problems.isEmpty()) {
                ObjectNode entry = errors.putObject(node.getKey());
                problems.forEach(entry.putArray("errors")::add);
                entry.putArray("dependent_outputs");
                entry.put("class_type", classType);
            }
        }
        return errors;
    }

    private static boolean bound(Template template, String node, String input) {
        NodeInput target = new NodeInput(node, input);
        return template.bindings().containsValue(target) || template.images().contains(target);
    }

    /** The spec of an input: {@code ["TYPE", {...}]} or {@code [[choices…], {...}]}, under required or optional. */
    private static JsonNode spec(JsonNode info, String input) {
        JsonNode required = info.path("input").path("required").get(input);
        return required != null ? required : info.path("input").path("optional").get(input);
    }

    /** The allowed values of a choice input (old style: a list first; new style: COMBO with options), else null. */
    private static List<String> options(JsonNode spec) {
        if (spec == null || !spec.isArray() || spec.isEmpty()) {
            return null;
        }
        JsonNode first = spec.get(0);
        JsonNode list = first.isArray() ? first
                : "COMBO".equals(first.asText()) && spec.size() > 1 ? spec.get(1).get("options") : null;
        if (list == null || !list.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String shortList(List<String> options) {
        return options.size() <= 8 ? options.toString() : options.subList(0, 8) + " and " + (options.size() - 8) + " more";
    }

    private static ObjectNode error(ObjectMapper json, String type, String message, String details, String input) {
        ObjectNode e = json.createObjectNode();
        e.put("type", type);
        e.put("message", message);
        e.put("details", details);
        ObjectNode extra = e.putObject("extra_info");
        if (input != null) {
            extra.put("input_name", input);
        }
        return e;
    }
}
