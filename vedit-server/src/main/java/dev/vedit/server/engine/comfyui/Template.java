package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A ComfyUI workflow in API format plus the binding that says where the request goes in: which node input takes the
 * prompt, the source video, reference image N, the seed, the frame count, the size, and which nodes hold the result.
 * A binding leaves out what its workflow does not take. The file format is documented in the README.
 *
 * @param name        where it came from (the file, or "built-in"), for messages
 * @param description what it does, for operators
 * @param pool        the ComfyUI server pool it runs on
 * @param workflow    the API-format workflow: node id → {class_type, inputs}
 * @param bindings    slot → node input
 * @param images      node inputs taking reference image 1, 2, …; images beyond the last are stitched into it
 * @param outputs     the output node ids whose files are the result
 * @param video       how frame counts and sizes are chosen
 */
record Template(String name, String description, String pool, ObjectNode workflow, Map<Slot, NodeInput> bindings,
                List<NodeInput> images, List<String> outputs, VideoRules video) {

    /**
     * How the frame count and size fed to the workflow are chosen.
     *
     * @param maxFrames       the most frames the model makes in one run (Wan: 81, 5 s at 16 fps)
     * @param frameStep       frame counts are {@code frameStep × n + 1} (Wan: 4)
     * @param sizeMultiple    width and height are multiples of this (Wan: 16)
     * @param defaultShortSide the short side when neither the options nor the source say (Wan: 480)
     */
    record VideoRules(int maxFrames, int frameStep, int sizeMultiple, int defaultShortSide) {
        static final VideoRules DEFAULT = new VideoRules(81, 4, 16, 480);
    }

    Template {
        bindings = Map.copyOf(bindings);
        images = List.copyOf(images);
        outputs = List.copyOf(outputs);
    }

    /** Reads a template file; every binding must point at a node that exists, every output at a node of the workflow. */
    static Template read(String name, InputStream in, ObjectMapper json) throws IOException {
        JsonNode root = json.readTree(in);
        if (root == null || !root.isObject()) {
            throw invalid(name, "is not a JSON object");
        }
        JsonNode workflow = root.get("workflow");
        if (workflow == null || !workflow.isObject() || workflow.isEmpty()) {
            throw invalid(name, "has no \"workflow\" object (an API-format ComfyUI workflow: node id → {class_type, inputs})");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = workflow.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            if (!node.getValue().path("class_type").isTextual() || !node.getValue().path("inputs").isObject()) {
                throw invalid(name, "node " + node.getKey() + " lacks class_type or inputs (export the workflow with \"Save (API)\")");
            }
        }
        Map<Slot, NodeInput> bindings = new EnumMap<>(Slot.class);
        List<NodeInput> images = new ArrayList<>();
        JsonNode bind = root.path("bind");
        for (Iterator<Map.Entry<String, JsonNode>> it = bind.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("images")) {
                for (JsonNode image : e.getValue()) {
                    images.add(nodeInput(name, "images", image, workflow));
                }
                continue;
            }
            Slot slot = Slot.byKey(e.getKey()).orElseThrow(() -> invalid(name, "binds unknown slot \"" + e.getKey() + "\" (known: "
                    + String.join(", ", java.util.Arrays.stream(Slot.values()).map(s -> s.key).toList()) + ", images)"));
            bindings.put(slot, nodeInput(name, e.getKey(), e.getValue(), workflow));
        }
        List<String> outputs = new ArrayList<>();
        for (JsonNode out : root.path("outputs")) {
            if (!workflow.has(out.asText())) {
                throw invalid(name, "lists output node " + out.asText() + ", which is not in the workflow");
            }
            outputs.add(out.asText());
        }
        if (outputs.isEmpty()) {
            throw invalid(name, "lists no \"outputs\" (the ids of the nodes that save the result, e.g. SaveVideo)");
        }
        JsonNode v = root.path("video");
        VideoRules d = VideoRules.DEFAULT;
        VideoRules rules = new VideoRules(v.path("maxFrames").asInt(d.maxFrames()), Math.max(1, v.path("frameStep").asInt(d.frameStep())),
                Math.max(1, v.path("sizeMultiple").asInt(d.sizeMultiple())), v.path("defaultShortSide").asInt(d.defaultShortSide()));
        return new Template(name, root.path("description").asText(""), root.path("pool").asText(ComfyPools.DEFAULT_POOL),
                (ObjectNode) workflow, bindings, images, outputs, rules);
    }

    private static NodeInput nodeInput(String name, String slot, JsonNode ref, JsonNode workflow) throws IOException {
        String node = ref.path("node").asText("");
        String input = ref.path("input").asText("");
        if (node.isEmpty() || input.isEmpty()) {
            throw invalid(name, "binding \"" + slot + "\" needs {\"node\": ID, \"input\": NAME}");
        }
        if (!workflow.has(node)) {
            throw invalid(name, "binding \"" + slot + "\" points at node " + node + ", which is not in the workflow");
        }
        return new NodeInput(node, input);
    }

    private static IOException invalid(String name, String what) {
        return new IOException("the ComfyUI template " + name + " " + what);
    }
}
