package dev.vedit.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which engines this node has beside the local one, and which endpoint goes to which.
 *
 * @param comfyui          ComfyUI pool name → server base URLs; empty for no ComfyUI engine
 * @param comfyuiTemplates a directory of operator templates, or {@code null} for the built-in ones
 * @param relayUrl         the upstream RunningHub-compatible API's root, or {@code null} for no relay engine
 * @param relayKey         the upstream API key ({@code VEDIT_RELAY_KEY})
 * @param routes           endpoint → engine name or {@code auto}
 * @param defaultRoute     the route of every other endpoint, or {@code null}: {@code auto} once a generative engine is
 *                         configured, else {@code local}
 * @param workflows        RunningHub's workflow API: whether inline workflows run, and on which node classes
 */
public record EngineSettings(Map<String, List<URI>> comfyui, Path comfyuiTemplates, String relayUrl, String relayKey,
                             Map<String, String> routes, String defaultRoute, Duration cancelGrace,
                             dev.vedit.server.workflow.WorkflowService.Settings workflows) {
    public EngineSettings {
        comfyui = Map.copyOf(comfyui);
        routes = Map.copyOf(routes);
    }

    /** The local engine for everything. */
    public static EngineSettings localOnly() {
        return new EngineSettings(Map.of(), null, null, null, Map.of(), null, Duration.ofSeconds(30),
                dev.vedit.server.workflow.WorkflowService.Settings.defaults());
    }

    /**
     * Parses {@code --comfyui} values: {@code URL[,URL…]} for the default pool, {@code POOL=URL[,URL…]} for a named one.
     */
    public static Map<String, List<URI>> parseComfyUi(List<String> values) {
        Map<String, List<URI>> pools = new LinkedHashMap<>();
        for (String value : values) {
            String pool = "default";
            String urls = value.strip();
            int eq = urls.indexOf('=');
            if (eq > 0 && !urls.substring(0, eq).contains(":")) {
                pool = urls.substring(0, eq).strip();
                urls = urls.substring(eq + 1);
            }
            for (String url : urls.split(",")) {
                if (url.isBlank()) {
                    continue;
                }
                URI uri = URI.create(url.strip().replaceAll("/+$", ""));
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("--comfyui takes http(s) URLs such as http://gpu1:8188, not '" + url.strip()
                            + "' | --comfyui 需要 http(s) 地址，如 http://gpu1:8188，而不是 '" + url.strip() + "'");
                }
                pools.computeIfAbsent(pool, p -> new java.util.ArrayList<>()).add(uri);
            }
        }
        return pools;
    }

    public EngineSettings withComfyUi(Map<String, List<URI>> pools, Path templates) {
        return new EngineSettings(pools, templates, relayUrl, relayKey, routes, defaultRoute, cancelGrace, workflows);
    }

    public EngineSettings withRelay(String url, String key) {
        return new EngineSettings(comfyui, comfyuiTemplates, url, key, routes, defaultRoute, cancelGrace, workflows);
    }

    public EngineSettings withRoutes(Map<String, String> newRoutes, String newDefault) {
        return new EngineSettings(comfyui, comfyuiTemplates, relayUrl, relayKey, newRoutes, newDefault, cancelGrace, workflows);
    }

    /** Inline workflows in create requests: off by default; {@code nodeClasses} non-empty limits them to those classes. */
    public EngineSettings withWorkflows(dev.vedit.server.workflow.WorkflowService.Settings settings) {
        return new EngineSettings(comfyui, comfyuiTemplates, relayUrl, relayKey, routes, defaultRoute, cancelGrace, settings);
    }

    public EngineSettings withCancelGrace(Duration grace) {
        return new EngineSettings(comfyui, comfyuiTemplates, relayUrl, relayKey, routes, defaultRoute, grace, workflows);
    }
}
