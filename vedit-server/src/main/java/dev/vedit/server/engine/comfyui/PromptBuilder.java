package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.ValidatedRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Fills a copy of a template's workflow for one task: the request's text and options, uploaded media, and a file prefix. */
final class PromptBuilder {
    /** ComfyUI's core node that joins two images side by side; several reference images become one this way. */
    static final String STITCH = "ImageStitch";

    private PromptBuilder() {
    }

    /**
     * What the source video is like, from the probe done before the run.
     *
     * @param fps      its frame rate
     * @param seconds  its duration
     */
    record Source(int width, int height, double fps, double seconds) {
    }

    /**
     * @param video  the uploaded source video's name as loader nodes take it, or {@code null}
     * @param images the uploaded reference images' names, Figure 1 first
     * @param seed   the seed (the request's, or one chosen for the task)
     * @param prefix the per-task {@code filename_prefix}: a cached re-run would otherwise hand back another task's file
     */
    static ObjectNode build(Template template, ValidatedRequest request, Source source, String video, List<String> images,
                            long seed, String prefix) {
        ObjectNode workflow = template.workflow().deepCopy();
        Map<Slot, NodeInput> bind = template.bindings();
        set(workflow, bind.get(Slot.PROMPT), request.prompt());
        request.option("negativePrompt").filter(s -> !s.isBlank()).ifPresent(n -> set(workflow, bind.get(Slot.NEGATIVE_PROMPT), n));
        if (video != null) {
            set(workflow, bind.get(Slot.VIDEO), video);
        }
        set(workflow, bind.get(Slot.SEED), seed);
        set(workflow, bind.get(Slot.FILENAME_PREFIX), prefix);
        if (source != null) {
            double seconds = request.option("duration").map(Double::parseDouble).filter(d -> d > 0).orElse(source.seconds());
            set(workflow, bind.get(Slot.FRAMES), frames(template.video(), Math.min(seconds, source.seconds()), source.fps()));
            set(workflow, bind.get(Slot.FPS), source.fps());
            set(workflow, bind.get(Slot.DURATION), seconds);
        }
        int[] size = size(template.video(), request, source);
        set(workflow, bind.get(Slot.WIDTH), size[0]);
        set(workflow, bind.get(Slot.HEIGHT), size[1]);
        request.option("aspectRatio").ifPresent(a -> set(workflow, bind.get(Slot.ASPECT_RATIO), a));
        request.option("resolution").ifPresent(r -> set(workflow, bind.get(Slot.RESOLUTION), r));
        images(workflow, template.images(), images);
        return workflow;
    }

    /** Frame counts the model takes: {@code step × n + 1}, at most {@code maxFrames}, at least one step. */
    static int frames(Template.VideoRules rules, double seconds, double fps) {
        int wanted = (int) Math.floor(seconds * (fps > 0 ? fps : 16));
        int n = Math.max(1, (Math.min(wanted, rules.maxFrames()) - 1) / rules.frameStep());
        return n * rules.frameStep() + 1;
    }

    /** Width and height: from the options (resolution, aspect ratio), else the source's shape at the default short side. */
    static int[] size(Template.VideoRules rules, ValidatedRequest request, Source source) {
        int shortSide = request.option("resolution").map(r -> r.replaceAll("\\D", "")).filter(s -> !s.isEmpty())
                .map(Integer::parseInt).orElse(rules.defaultShortSide());
        double ratio;
        if (request.option("aspectRatio").isPresent() && request.option("aspectRatio").get().matches("\\d+:\\d+")) {
            String[] r = request.option("aspectRatio").get().split(":");
            ratio = Double.parseDouble(r[0]) / Double.parseDouble(r[1]);
        } else if (source != null && source.width() > 0 && source.height() > 0) {
            ratio = (double) source.width() / source.height();
        } else {
            ratio = 16.0 / 9;
        }
        double w = ratio >= 1 ? shortSide * ratio : shortSide;
        double h = ratio >= 1 ? shortSide : shortSide / ratio;
        return new int[] {snap(w, rules.sizeMultiple()), snap(h, rules.sizeMultiple())};
    }

    private static int snap(double value, int multiple) {
        return Math.max(multiple, (int) Math.round(value / multiple) * multiple);
    }

    /**
     * Reference image N goes to slot N. Slots left without an image lose their loader node (and the inputs that used
     * it, which a workflow marks optional); images beyond the last slot are stitched onto it with {@value #STITCH}.
     */
    private static void images(ObjectNode workflow, List<NodeInput> slots, List<String> images) {
        for (int i = 0; i < slots.size(); i++) {
            NodeInput slot = slots.get(i);
            if (i < images.size()) {
                set(workflow, slot, images.get(i));
            } else {
                workflow.remove(slot.node());
                unlink(workflow, slot.node());
            }
        }
        if (slots.isEmpty() || images.size() <= slots.size()) {
            return;
        }
        NodeInput last = slots.getLast();
        String loaderClass = workflow.path(last.node()).path("class_type").asText();
        List<String> consumers = consumersOf(workflow, last.node());
        String current = last.node();
        for (int i = slots.size(); i < images.size(); i++) {
            String loader = "vedit_image_" + (i + 1);
            ObjectNode load = workflow.putObject(loader);
            load.put("class_type", loaderClass);
            load.putObject("inputs").put(last.input(), images.get(i));
            String stitch = "vedit_stitch_" + (i + 1);
            ObjectNode node = workflow.putObject(stitch);
            node.put("class_type", STITCH);
            ObjectNode in = node.putObject("inputs");
            in.set("image1", link(workflow, current));
            in.put("direction", "right");
            in.put("match_image_size", true);
            in.put("spacing_width", 0);
            in.put("spacing_color", "white");
            in.set("image2", link(workflow, loader));
            current = stitch;
        }
        relink(workflow, consumers, last.node(), current);
    }

    private static ArrayNode link(ObjectNode workflow, String node) {
        return workflow.arrayNode().add(node).add(0);
    }

    /** The nodes with an input linked to output 0 of {@code node}. */
    private static List<String> consumersOf(ObjectNode workflow, String node) {
        List<String> consumers = new ArrayList<>();
        workflow.fields().forEachRemaining(e -> e.getValue().path("inputs").fields().forEachRemaining(in -> {
            if (isLinkTo(in.getValue(), node)) {
                consumers.add(e.getKey());
            }
        }));
        return consumers;
    }

    private static void relink(ObjectNode workflow, List<String> consumers, String from, String to) {
        for (String consumer : consumers) {
            ObjectNode inputs = (ObjectNode) workflow.path(consumer).path("inputs");
            for (Iterator<Map.Entry<String, JsonNode>> it = inputs.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> in = it.next();
                if (isLinkTo(in.getValue(), from)) {
                    in.setValue(workflow.arrayNode().add(to).add(0));
                }
            }
        }
    }

    /** Removes every input linked to a node that was removed. */
    private static void unlink(ObjectNode workflow, String removed) {
        workflow.fields().forEachRemaining(e -> {
            JsonNode inputs = e.getValue().path("inputs");
            if (inputs instanceof ObjectNode in) {
                in.properties().removeIf(i -> isLinkTo(i.getValue(), removed));
            }
        });
    }

    private static boolean isLinkTo(JsonNode value, String node) {
        return value.isArray() && value.size() == 2 && value.get(0).asText().equals(node) && value.get(1).isNumber();
    }

    private static void set(ObjectNode workflow, NodeInput target, Object value) {
        if (target == null) {
            return;
        }
        ObjectNode inputs = (ObjectNode) workflow.path(target.node()).path("inputs");
        switch (value) {
            case String s -> inputs.put(target.input(), s);
            case Integer i -> inputs.put(target.input(), i);
            case Long l -> inputs.put(target.input(), l);
            case Double d -> inputs.put(target.input(), d);
            default -> inputs.put(target.input(), value.toString());
        }
    }
}
