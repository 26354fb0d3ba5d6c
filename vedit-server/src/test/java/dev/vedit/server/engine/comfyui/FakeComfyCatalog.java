package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The node classes the fake knows, described as ComfyUI 0.8.0's {@code /object_info} does. The description is the
 * single source of truth: prompt validation reads input types, COMBO options and INT/FLOAT limits from it, as
 * ComfyUI does.
 *
 * <p>Shapes follow the two generations of ComfyUI nodes: classic nodes of {@code nodes.py} (the loaders, KSampler,
 * LoadImage, SaveImage, …) list a COMBO's options as the first element ({@code [["a","b"], {…}]}); the newer
 * {@code comfy_extras} nodes (SaveVideo, LoadVideo, WanVaceToVideo, …) write {@code ["COMBO", {"options": […]}]},
 * as recording 47 shows. A client has to read both.
 */
final class FakeComfyCatalog {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The loader classes whose model-file list a test may set, and the input naming the file. */
    static final Map<String, String> MODEL_INPUTS = Map.of(
            "UNETLoader", "unet_name",
            "CLIPLoader", "clip_name",
            "VAELoader", "vae_name");

    static final List<String> DEFAULT_UNETS = List.of("wan2.1_vace_14B_fp16.safetensors");
    static final List<String> DEFAULT_CLIPS = List.of("umt5_xxl_fp8_e4m3fn_scaled.safetensors");
    static final List<String> DEFAULT_VAES = List.of("wan_2.1_vae.safetensors");

    private FakeComfyCatalog() {
    }

    /** What the catalog is built from at the moment of a request. */
    record Inputs(Map<String, List<String>> modelFiles, List<String> inputImages, List<String> inputVideos) {
    }

    /** Every node class, in a stable order, each as /object_info describes it. */
    static ObjectNode objectInfo(Inputs in) {
        ObjectNode all = JSON.objectNode();
        for (Function<Inputs, ObjectNode> def : DEFINITIONS) {
            ObjectNode info = def.apply(in);
            all.set(info.get("name").asText(), info);
        }
        return all;
    }

    private static final List<Function<Inputs, ObjectNode>> DEFINITIONS = List.of(
            in -> classic("UNETLoader", "Load Diffusion Model", "advanced/loaders", "nodes", false)
                    .req("unet_name", comboV1(in.modelFiles().get("UNETLoader"), null))
                    .req("weight_dtype", comboV1(List.of("default", "fp8_e4m3fn", "fp8_e4m3fn_fast", "fp8_e5m2"), null))
                    .out("MODEL", "MODEL").build(),
            in -> classic("CLIPLoader", "Load CLIP", "advanced/loaders", "nodes", false)
                    .req("clip_name", comboV1(in.modelFiles().get("CLIPLoader"), null))
                    .req("type", comboV1(List.of("stable_diffusion", "stable_cascade", "sd3", "stable_audio", "mochi",
                            "ltxv", "pixart", "cosmos", "lumina2", "wan", "hidream", "chroma", "ace", "omnigen2",
                            "qwen_image", "hunyuan_image", "flux2", "ovis"), null))
                    .opt("device", comboV1(List.of("default", "cpu"), opts("advanced", true)))
                    .out("CLIP", "CLIP").build(),
            in -> classic("VAELoader", "Load VAE", "loaders", "nodes", false)
                    .req("vae_name", comboV1(in.modelFiles().get("VAELoader"), null))
                    .out("VAE", "VAE").build(),
            in -> classic("CLIPTextEncode", "CLIP Text Encode (Prompt)", "conditioning", "nodes", false)
                    .req("text", spec("STRING", opts("multiline", true, "dynamicPrompts", true,
                            "tooltip", "The text to be encoded.")))
                    .req("clip", spec("CLIP", opts("tooltip", "The CLIP model used for encoding the text.")))
                    .out("CONDITIONING", "CONDITIONING").build(),
            in -> classic("LoadImage", "Load Image", "image", "nodes", false)
                    .req("image", comboV1(in.inputImages(), opts("image_upload", true)))
                    .out("IMAGE", "IMAGE").out("MASK", "MASK").build(),
            in -> classic("ImageInvert", "Invert Image", "image", "nodes", false)
                    .req("image", spec("IMAGE", null)).out("IMAGE", "IMAGE").build(),
            in -> classic("ImageScaleBy", "Upscale Image By", "image/upscaling", "nodes", false)
                    .req("image", spec("IMAGE", null))
                    .req("upscale_method", comboV1(List.of("nearest-exact", "bilinear", "area", "bicubic", "lanczos"), null))
                    .req("scale_by", spec("FLOAT", opts("default", 1.0, "min", 0.01, "max", 8.0, "step", 0.01)))
                    .out("IMAGE", "IMAGE").build(),
            in -> classic("SaveImage", "Save Image", "image", "nodes", true)
                    .req("images", spec("IMAGE", opts("tooltip", "The images to save.")))
                    .req("filename_prefix", spec("STRING", opts("default", "ComfyUI", "tooltip",
                            "The prefix for the file to save. This may include formatting information such as "
                                    + "%date:yyyy-MM-dd% or %Empty Latent Image.width% to include values from nodes.")))
                    .hidden().build(),
            in -> classic("KSampler", "KSampler", "sampling", "nodes", false)
                    .req("model", spec("MODEL", opts("tooltip", "The model used for denoising the input latent.")))
                    .req("seed", spec("INT", opts("default", 0, "min", 0, "max", new BigInteger("18446744073709551615"),
                            "control_after_generate", true)))
                    .req("steps", spec("INT", opts("default", 20, "min", 1, "max", 10000)))
                    .req("cfg", spec("FLOAT", opts("default", 8.0, "min", 0.0, "max", 100.0, "step", 0.1, "round", 0.01)))
                    .req("sampler_name", comboV1(List.of("euler", "euler_cfg_pp", "euler_ancestral", "heun", "dpm_2",
                            "dpmpp_2m", "dpmpp_2m_sde", "dpmpp_3m_sde", "ddpm", "lcm", "ipndm", "deis", "res_multistep",
                            "ddim", "uni_pc", "uni_pc_bh2"), null))
                    .req("scheduler", comboV1(List.of("simple", "sgm_uniform", "karras", "exponential", "ddim_uniform",
                            "beta", "normal", "linear_quadratic", "kl_optimal"), null))
                    .req("positive", spec("CONDITIONING", null))
                    .req("negative", spec("CONDITIONING", null))
                    .req("latent_image", spec("LATENT", null))
                    .req("denoise", spec("FLOAT", opts("default", 1.0, "min", 0.0, "max", 1.0, "step", 0.01)))
                    .out("LATENT", "LATENT").build(),
            in -> classic("VAEDecode", "VAE Decode", "latent", "nodes", false)
                    .req("samples", spec("LATENT", null)).req("vae", spec("VAE", null))
                    .out("IMAGE", "IMAGE").build(),
            in -> modern("ImageBlur", "Image Blur", "image/postprocessing", "comfy_extras.nodes_post_processing", false)
                    .req("image", spec("IMAGE", null))
                    .req("blur_radius", spec("INT", opts("default", 1, "min", 1, "max", 31, "step", 1)))
                    .req("sigma", spec("FLOAT", opts("default", 1.0, "min", 0.1, "max", 10.0, "step", 0.1)))
                    .out("IMAGE", "IMAGE").build(),
            in -> modern("ImageStitch", "Image Stitch", "image/transform", "comfy_extras.nodes_images", false)
                    .req("image1", spec("IMAGE", null))
                    .req("direction", comboV3(List.of("right", "down", "left", "up"), "right"))
                    .req("match_image_size", spec("BOOLEAN", opts("default", true)))
                    .req("spacing_width", spec("INT", opts("default", 0, "min", 0, "max", 1024, "step", 2)))
                    .req("spacing_color", comboV3(List.of("white", "black", "red", "green", "blue"), "white"))
                    .opt("image2", spec("IMAGE", null))
                    .out("IMAGE", "IMAGE").build(),
            in -> modern("ModelSamplingSD3", "ModelSamplingSD3", "advanced/model", "comfy_extras.nodes_model_advanced", false)
                    .req("model", spec("MODEL", null))
                    .req("shift", spec("FLOAT", opts("default", 3.0, "min", 0.0, "max", 100.0, "step", 0.01)))
                    .out("MODEL", "MODEL").build(),
            in -> modern("WanVaceToVideo", "WanVaceToVideo", "conditioning/video_models", "comfy_extras.nodes_wan", false)
                    .req("positive", spec("CONDITIONING", null))
                    .req("negative", spec("CONDITIONING", null))
                    .req("vae", spec("VAE", null))
                    .req("width", spec("INT", opts("default", 832, "min", 16, "max", 16384, "step", 16)))
                    .req("height", spec("INT", opts("default", 480, "min", 16, "max", 16384, "step", 16)))
                    .req("length", spec("INT", opts("default", 81, "min", 1, "max", 16384, "step", 4)))
                    .req("batch_size", spec("INT", opts("default", 1, "min", 1, "max", 4096)))
                    .req("strength", spec("FLOAT", opts("default", 1.0, "min", 0.0, "max", 1000.0, "step", 0.01)))
                    .opt("control_video", spec("IMAGE", null))
                    .opt("control_masks", spec("MASK", null))
                    .opt("reference_image", spec("IMAGE", null))
                    .out("CONDITIONING", "positive").out("CONDITIONING", "negative").out("LATENT", "latent")
                    .out("INT", "trim_latent").build(),
            in -> modern("TrimVideoLatent", "TrimVideoLatent", "latent/video", "comfy_extras.nodes_wan", false)
                    .req("samples", spec("LATENT", null))
                    .req("trim_amount", spec("INT", opts("default", 0, "min", 0, "max", 99999)))
                    .out("LATENT", "LATENT").build(),
            in -> modern("LoadVideo", "Load Video", "image/video", "comfy_extras.nodes_video", false)
                    .req("file", spec("COMBO", opts("multiselect", false, "options", in.inputVideos(), "video_upload", true)))
                    .out("VIDEO", "VIDEO").build(),
            in -> modern("GetVideoComponents", "Get Video Components", "image/video", "comfy_extras.nodes_video", false)
                    .req("video", spec("VIDEO", opts("tooltip", "The video to extract components from.")))
                    .out("IMAGE", "images").out("AUDIO", "audio").out("FLOAT", "fps").build(),
            in -> modern("CreateVideo", "Create Video", "image/video", "comfy_extras.nodes_video", false)
                    .req("images", spec("IMAGE", opts("tooltip", "The images to create a video from.")))
                    .req("fps", spec("FLOAT", opts("default", 30.0, "min", 1.0, "max", 120.0, "step", 1.0)))
                    .opt("audio", spec("AUDIO", opts("tooltip", "The audio to add to the video.")))
                    .out("VIDEO", "VIDEO").build(),
            in -> saveVideo(),
            // Audio and text outputs, for workflows that save more than pictures (ComfyUI 0.8's own nodes).
            in -> modern("SaveAudio", "Save Audio (FLAC)", "audio", "comfy_extras.nodes_audio", true)
                    .req("audio", spec("AUDIO", null))
                    .req("filename_prefix", spec("STRING", opts("default", "audio/ComfyUI")))
                    .hidden().build(),
            in -> modern("PrimitiveString", "String", "utils/primitive", "comfy_extras.nodes_primitive", false)
                    .req("value", spec("STRING", null)).out("STRING", "STRING").build(),
            in -> modern("PreviewAny", "Preview Any", "utils", "comfy_extras.nodes_preview_any", true)
                    .req("source", spec("*", null)).build());

    /** SaveVideo exactly as recording 47 shows it. */
    private static ObjectNode saveVideo() {
        try {
            return (ObjectNode) MAPPER.readTree("""
                    {"input":{"required":{"video":["VIDEO",{"tooltip":"The video to save."}],"filename_prefix":["STRING",\
                    {"tooltip":"The prefix for the file to save. This may include formatting information such as \
                    %date:yyyy-MM-dd% or %Empty Latent Image.width% to include values from nodes.","default":"video/ComfyUI",\
                    "multiline":false}],"format":["COMBO",{"tooltip":"The format to save the video as.","default":"auto",\
                    "multiselect":false,"options":["auto","mp4"]}],"codec":["COMBO",{"tooltip":"The codec to use for the video.",\
                    "default":"auto","multiselect":false,"options":["auto","h264"]}]},"hidden":{"prompt":["PROMPT"],\
                    "extra_pnginfo":["EXTRA_PNGINFO"]}},"input_order":{"required":["video","filename_prefix","format","codec"],\
                    "hidden":["prompt","extra_pnginfo"]},"output":[],"output_is_list":[],"output_name":[],"output_tooltips":[],\
                    "output_matchtypes":null,"name":"SaveVideo","display_name":"Save Video","description":\
                    "Saves the input images to your ComfyUI output directory.","python_module":"comfy_extras.nodes_video",\
                    "category":"image/video","output_node":true,"deprecated":false,"experimental":false,"api_node":false}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- building the descriptions ----

    private static Def classic(String name, String display, String category, String module, boolean outputNode) {
        return new Def(name, display, category, module, outputNode);
    }

    private static Def modern(String name, String display, String category, String module, boolean outputNode) {
        return new Def(name, display, category, module, outputNode);
    }

    private static ArrayNode spec(String type, ObjectNode options) {
        ArrayNode a = JSON.arrayNode().add(type);
        if (options != null) {
            a.add(options);
        }
        return a;
    }

    private static ArrayNode comboV1(List<String> options, ObjectNode extra) {
        ArrayNode list = JSON.arrayNode();
        options.forEach(list::add);
        ArrayNode a = JSON.arrayNode().add(list);
        if (extra != null) {
            a.add(extra);
        }
        return a;
    }

    private static ArrayNode comboV3(List<String> options, String def) {
        return spec("COMBO", opts("default", def, "multiselect", false, "options", options));
    }

    private static ObjectNode opts(Object... kv) {
        ObjectNode o = JSON.objectNode();
        for (int i = 0; i < kv.length; i += 2) {
            o.set((String) kv[i], MAPPER.valueToTree(kv[i + 1]));
        }
        return o;
    }

    private static final class Def {
        final ObjectNode required = JSON.objectNode();
        final ObjectNode optional = JSON.objectNode();
        boolean hidden;
        final List<String> outputs = new ArrayList<>();
        final List<String> outputNames = new ArrayList<>();
        final String name;
        final String display;
        final String category;
        final String module;
        final boolean outputNode;

        Def(String name, String display, String category, String module, boolean outputNode) {
            this.name = name;
            this.display = display;
            this.category = category;
            this.module = module;
            this.outputNode = outputNode;
        }

        Def req(String input, ArrayNode spec) {
            required.set(input, spec);
            return this;
        }

        Def opt(String input, ArrayNode spec) {
            optional.set(input, spec);
            return this;
        }

        Def hidden() {
            hidden = true;
            return this;
        }

        Def out(String type, String outName) {
            outputs.add(type);
            outputNames.add(outName);
            return this;
        }

        ObjectNode build() {
            ObjectNode info = JSON.objectNode();
            ObjectNode input = info.putObject("input");
            ObjectNode order = JSON.objectNode();
            input.set("required", required);
            order.set("required", names(required));
            if (!optional.isEmpty()) {
                input.set("optional", optional);
                order.set("optional", names(optional));
            }
            if (hidden) {
                input.putObject("hidden").<ObjectNode>set("prompt", JSON.arrayNode().add("PROMPT"))
                        .set("extra_pnginfo", JSON.arrayNode().add("EXTRA_PNGINFO"));
                order.set("hidden", JSON.arrayNode().add("prompt").add("extra_pnginfo"));
            }
            info.set("input_order", order);
            ArrayNode out = info.putArray("output");
            ArrayNode isList = info.putArray("output_is_list");
            ArrayNode outNames = info.putArray("output_name");
            ArrayNode tips = info.putArray("output_tooltips");
            for (int i = 0; i < outputs.size(); i++) {
                out.add(outputs.get(i));
                isList.add(false);
                outNames.add(outputNames.get(i));
                tips.addNull();
            }
            info.putNull("output_matchtypes");
            info.put("name", name).put("display_name", display).put("description", "")
                    .put("python_module", module).put("category", category).put("output_node", outputNode)
                    .put("deprecated", false).put("experimental", false).put("api_node", false);
            return info;
        }

        private static ArrayNode names(ObjectNode o) {
            ArrayNode a = JSON.arrayNode();
            o.fieldNames().forEachRemaining(a::add);
            return a;
        }
    }

    // ---- validation, as ComfyUI's validate_prompt / validate_inputs answer ----

    /**
     * The errors of one node's own inputs (not of the nodes it links to), in ComfyUI's wording. Loaders of input
     * files validate the file themselves, so their COMBO list is not checked (ComfyUI skips the list check for an
     * input that the node's own VALIDATE_INPUTS takes).
     */
    static List<ObjectNode> inputErrors(ObjectNode info, JsonNode node, JsonNode prompt, java.nio.file.Path inputDir,
                                        Map<String, ObjectNode> catalog) {
        List<ObjectNode> errors = new ArrayList<>();
        JsonNode inputs = node.path("inputs");
        String classType = node.path("class_type").asText();
        Map<String, JsonNode> specs = new LinkedHashMap<>();
        info.path("input").path("required").properties().forEach(e -> specs.put(e.getKey(), e.getValue()));
        Map<String, JsonNode> optional = new LinkedHashMap<>();
        info.path("input").path("optional").properties().forEach(e -> optional.put(e.getKey(), e.getValue()));
        Map<String, JsonNode> all = new LinkedHashMap<>(specs);
        all.putAll(optional);
        for (Map.Entry<String, JsonNode> e : all.entrySet()) {
            String name = e.getKey();
            JsonNode spec = e.getValue();
            JsonNode value = inputs.get(name);
            if (value == null || value.isNull()) {
                if (specs.containsKey(name)) {
                    errors.add(error("required_input_missing", "Required input is missing", name,
                            JSON.objectNode().put("input_name", name)));
                }
                continue;
            }
            if (isLink(value)) {
                String from = value.get(0).asText();
                JsonNode source = prompt.get(from);
                ObjectNode sourceInfo = source == null ? null : catalog.get(source.path("class_type").asText());
                if (sourceInfo == null) {
                    errors.add(error("exception_during_inner_validation", "Exception when validating inner node",
                            "'" + from + "'", JSON.objectNode().put("input_name", name)));
                    continue;
                }
                JsonNode outTypes = sourceInfo.path("output");
                int index = value.get(1).asInt();
                String expected = spec.get(0).isTextual() ? spec.get(0).asText() : "COMBO";
                String received = index < outTypes.size() ? outTypes.get(index).asText() : "*";
                if (!received.equals(expected) && !"*".equals(expected)) {
                    ObjectNode extra = JSON.objectNode().put("input_name", name);
                    extra.set("input_config", spec);
                    extra.put("received_type", received);
                    extra.set("linked_node", value);
                    errors.add(error("return_type_mismatch", "Return type mismatch between linked nodes",
                            name + ", received_type(" + received + ") mismatch input_type(" + expected + ")", extra));
                }
                continue;
            }
            String type = spec.get(0).isArray() ? "COMBO" : spec.get(0).asText();
            JsonNode options = spec.size() > 1 ? spec.get(1) : JSON.objectNode();
            if (("LoadImage".equals(classType) && "image".equals(name)) || ("LoadVideo".equals(classType) && "file".equals(name))) {
                String file = value.asText();
                if (!FakeComfyUi.insideDir(inputDir, file) || !java.nio.file.Files.isRegularFile(inputDir.resolve(file))) {
                    String what = "image".equals(name) ? "Invalid image file: " : "Invalid video file: ";
                    errors.add(error("custom_validation_failed", "Custom validation failed for node",
                            name + " - " + what + file, JSON.objectNode().put("input_name", name)));
                }
                continue;
            }
            switch (type) {
                case "INT", "FLOAT" -> {
                    BigDecimal v;
                    try {
                        v = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
                    } catch (NumberFormatException ex) {
                        ObjectNode extra = JSON.objectNode().put("input_name", name);
                        extra.set("input_config", spec);
                        extra.set("received_value", value);
                        extra.put("exception_message", "invalid literal for " + ("INT".equals(type) ? "int()" : "float()")
                                + " with base 10: '" + value.asText() + "'");
                        errors.add(error("invalid_input_type", "Failed to convert an input value to a " + type + " value",
                                name + ", " + value.asText() + ", invalid literal", extra));
                        continue;
                    }
                    if (options.has("min") && v.compareTo(options.get("min").decimalValue()) < 0) {
                        errors.add(limit("value_smaller_than_min", "Value " + plain(v) + " smaller than min of "
                                + plain(options.get("min").decimalValue()), name, spec, value));
                    } else if (options.has("max") && v.compareTo(options.get("max").decimalValue()) > 0) {
                        errors.add(limit("value_bigger_than_max", "Value " + plain(v) + " bigger than max of "
                                + plain(options.get("max").decimalValue()), name, spec, value));
                    }
                }
                case "COMBO" -> {
                    JsonNode list = spec.get(0).isArray() ? spec.get(0) : options.path("options");
                    List<String> choices = new ArrayList<>();
                    list.forEach(o -> choices.add(o.asText()));
                    if (!choices.contains(value.asText())) {
                        String listInfo = choices.size() > 20 ? "(list of length " + choices.size() + ")" : pythonList(choices);
                        ObjectNode extra = JSON.objectNode().put("input_name", name);
                        extra.set("input_config", spec);
                        extra.set("received_value", value);
                        errors.add(error("value_not_in_list", "Value not in list",
                                name + ": '" + value.asText() + "' not in " + listInfo, extra));
                    }
                }
                default -> {
                }
            }
        }
        return errors;
    }

    static boolean isLink(JsonNode value) {
        return value.isArray() && value.size() == 2 && value.get(0).isTextual() && value.get(1).isIntegralNumber();
    }

    private static ObjectNode limit(String type, String message, String name, JsonNode spec, JsonNode value) {
        ObjectNode extra = JSON.objectNode().put("input_name", name);
        extra.set("input_config", spec);
        extra.set("received_value", value);
        return error(type, message, name, extra);
    }

    static ObjectNode error(String type, String message, String details, ObjectNode extra) {
        ObjectNode e = JSON.objectNode().put("type", type).put("message", message).put("details", details);
        e.set("extra_info", extra);
        return e;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().scale() <= 0 ? v.toBigInteger().toString() : v.stripTrailingZeros().toPlainString();
    }

    /** Python's repr of a list of strings, as ComfyUI puts it into error details. */
    static String pythonList(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('\'').append(items.get(i).replace("\\", "\\\\").replace("'", "\\'")).append('\'');
        }
        return b.append(']').toString();
    }
}
