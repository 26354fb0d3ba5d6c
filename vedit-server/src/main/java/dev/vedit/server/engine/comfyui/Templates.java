package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The template of each model endpoint: an operator's file in the templates directory (the endpoint's path with
 * {@code /} replaced by {@code __}, e.g. {@code kling-video-o3-pro__video-edit.json}), else the built-in one.
 */
final class Templates {
    private Templates() {
    }

    static String fileName(String endpoint) {
        return endpoint.replace("/", "__") + ".json";
    }

    /** endpoint → template; every file in {@code dir} must be a valid template named after a known endpoint. */
    static Map<String, Template> load(Path dir, List<String> endpoints, ObjectMapper json) {
        Map<String, Template> byEndpoint = new LinkedHashMap<>();
        Template builtIn;
        try (InputStream in = Templates.class.getResourceAsStream(ComfyUiEngine.BUILT_IN)) {
            builtIn = Template.read("built-in " + ComfyUiEngine.BUILT_IN, in, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        endpoints.forEach(e -> byEndpoint.put(e, builtIn));
        if (dir == null) {
            return byEndpoint;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--comfyui-templates " + dir + " is not a directory | --comfyui-templates " + dir + " 不是目录");
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String endpoint = endpoints.stream().filter(e -> fileName(e).equals(file.getFileName().toString())).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("the ComfyUI template " + file + " is named after no model endpoint; "
                                + "name it ENDPOINT.json with / as __, e.g. " + fileName(endpoints.getFirst())
                                + " | ComfyUI 模板 " + file + " 的文件名不对应任何模型端点，应为 " + fileName(endpoints.getFirst()) + " 这样的名称"));
                try (InputStream in = Files.newInputStream(file)) {
                    byEndpoint.put(endpoint, Template.read(file.getFileName().toString(), in, json));
                } catch (IOException e) {
                    throw new IllegalArgumentException(e.getMessage() + " | ComfyUI 模板 " + file + " 无效：" + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byEndpoint;
    }
}
