package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What running a client's whole workflow (RunningHub's workflow API) needs beyond a template run: which inputs are
 * media, per-task output prefixes, and collecting every output node's files as ComfyUI saved them.
 */
final class WorkflowRun {
    /** Output lists in ComfyUI's history that hold files ({@code SaveVideo} lists its file under images). */
    private static final List<String> FILE_LISTS = List.of("images", "videos", "gifs", "audio");

    private WorkflowRun() {
    }

    /** A graph as a template: no bindings; its media inputs marked as filled per task, so the check skips them. */
    static Template template(WorkflowEngine.Graph graph) {
        List<NodeInput> media = new ArrayList<>();
        graph.graph().fields().forEachRemaining(node -> {
            WorkflowEngine.LoaderInput input = WorkflowEngine.MEDIA_INPUTS.get(node.getValue().path("class_type").asText());
            if (input != null) {
                media.add(new NodeInput(node.getKey(), input.input()));
            }
        });
        return new Template("workflow " + graph.key(), "", graph.pool(), graph.graph(), Map.of(), media, nodeOrder(graph.graph()),
                Template.VideoRules.DEFAULT);
    }

    /** Node ids in node order: numeric ids by number (ComfyUI's own ids), others after them by name. */
    static List<String> nodeOrder(ObjectNode graph) {
        List<String> ids = new ArrayList<>();
        graph.fieldNames().forEachRemaining(ids::add);
        ids.sort(Comparator.comparing((String id) -> !id.matches("\\d{1,9}"))
                .thenComparing(id -> id.matches("\\d{1,9}") ? Integer.parseInt(id) : 0).thenComparing(id -> id));
        return ids;
    }

    /**
     * Points every literal {@code filename_prefix} under the task's own folder: ComfyUI hands a cached re-run the old
     * file otherwise, and two tasks would count up the same file names.
     */
    static void prefixOutputs(ObjectNode prompt, String prefix) {
        prompt.fields().forEachRemaining(node -> {
            JsonNode inputs = node.getValue().path("inputs");
            if (inputs instanceof ObjectNode in && in.path("filename_prefix").isTextual()) {
                String original = in.get("filename_prefix").asText().replace('\\', '/');
                String base = original.substring(original.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_.%:-]", "_");
                in.put("filename_prefix", prefix + "/" + node.getKey() + "-" + (base.isEmpty() ? "ComfyUI" : base));
            }
        });
    }

    /** Every output node's files, in node order, downloaded as saved; text outputs as UTF-8 {@code .txt} files. */
    static List<EngineOutput> collect(ComfyClient client, Template template, JsonNode history, RunContext context)
            throws EngineFailure, ComfyClient.Unreachable {
        List<EngineOutput> outputs = new ArrayList<>();
        int n = 0;
        for (String node : template.outputs()) {
            JsonNode out = history.path("outputs").path(node);
            if (out.isMissingNode()) {
                continue;
            }
            for (String list : FILE_LISTS) {
                for (JsonNode file : out.path(list)) {
                    String filename = file.path("filename").asText("");
                    if (filename.isEmpty()) {
                        continue;
                    }
                    String extension = extension(filename);
                    Path target = context.workDir().resolve("output-" + (++n) + (extension.isEmpty() ? "" : "." + extension));
                    client.view(filename, file.path("subfolder").asText(""), file.path("type").asText("output"), target);
                    outputs.add(new EngineOutput(target, extension.isEmpty() ? "bin" : extension, node));
                }
            }
            for (JsonNode text : out.path("text")) {
                Path target = context.workDir().resolve("output-" + (++n) + ".txt");
                try {
                    Files.writeString(target, text.isTextual() ? text.asText() : text.toString(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new EngineFailure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(
                            "a text output could not be written to the work dir (" + e.getMessage() + ")", "文本输出无法写入工作目录"),
                            true, "comfyui", e);
                }
                outputs.add(new EngineOutput(target, "txt", node));
            }
        }
        if (outputs.isEmpty()) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "the workflow finished but none of its nodes saved a file or text",
                    "工作流已完成，但没有任何节点保存文件或文本"), false, "comfyui", null);
        }
        return outputs;
    }

    static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot == filename.length() - 1 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
