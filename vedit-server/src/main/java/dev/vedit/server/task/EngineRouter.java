package dev.vedit.server.task;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.NeedsGenerativeEngine;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.ValidatedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which engine serves each model endpoint: one engine by name, or {@link #AUTO}: the local engine plans first and a
 * prompt it refuses as generative goes, whole, to the generative engine, so cheap edits stay on the CPU.
 */
public final class EngineRouter {
    /** The route that decides per prompt. */
    public static final String AUTO = "auto";
    /** The engine that plans first under {@link #AUTO}. */
    public static final String LOCAL = "local";
    /** Generative engines in the order {@link #AUTO} prefers them: your own GPUs before a paid upstream. */
    private static final List<String> GENERATIVE = List.of("comfyui", "relay");

    private final Map<String, Engine> byName = new LinkedHashMap<>();
    private final Map<String, String> routes;
    private final String defaultRoute;

    /**
     * @param engines      the available engines
     * @param routes       endpoint → engine name or {@value #AUTO}, for endpoints that do not take the default
     * @param defaultRoute the engine name, or {@value #AUTO}, for every other endpoint
     * @throws IllegalArgumentException when a route names an engine that is not configured
     */
    public EngineRouter(List<Engine> engines, Map<String, String> routes, String defaultRoute) {
        engines.forEach(e -> byName.put(e.name(), e));
        this.routes = Map.copyOf(routes);
        this.defaultRoute = defaultRoute;
        check("the default route", defaultRoute);
        routes.forEach((endpoint, engine) -> check("--route " + endpoint, engine));
    }

    /** The route when none is given: {@value #AUTO} once a generative engine is configured, else the local engine. */
    public static String defaultRoute(List<Engine> engines) {
        return engines.stream().anyMatch(e -> GENERATIVE.contains(e.name())) ? AUTO : LOCAL;
    }

    private void check(String what, String route) {
        if (!route.equals(AUTO) && !byName.containsKey(route)) {
            throw new IllegalArgumentException(what + " names engine '" + route + "', which is not configured; configured: "
                    + String.join(", ", byName.keySet()) + " (and auto)"
                    + " | " + what + " 指定的引擎 '" + route + "' 未配置；已配置：" + String.join("、", byName.keySet()) + "（以及 auto）");
        }
        if (route.equals(AUTO) && !byName.containsKey(LOCAL)) {
            throw new IllegalArgumentException(what + " is auto, which needs the local engine | " + what + " 为 auto，需要本地引擎");
        }
    }

    /** An engine and its plan for one request. */
    public record Planned(Engine engine, EditPlan plan) {
    }

    /**
     * Plans a request on the engine its endpoint is routed to.
     *
     * @throws dev.vedit.wire.VeditException the engine's refusal; under {@value #AUTO} with no generative engine, a
     *                                       generative refusal names the options that would enable the edit
     */
    public Planned plan(ValidatedRequest request) {
        String route = routeOf(request.model());
        if (!route.equals(AUTO)) {
            Engine engine = byName.get(route);
            try {
                return new Planned(engine, engine.plan(request));
            } catch (NeedsGenerativeEngine refused) {
                throw generativeAvailable()
                        ? refused.withHint("route " + request.model().endpoint() + " to it with --route " + request.model().endpoint() + "=auto",
                                "用 --route " + request.model().endpoint() + "=auto 把该端点路由到生成式引擎")
                        : refused.withHint(NO_GENERATIVE_EN, NO_GENERATIVE_ZH);
            }
        }
        Engine local = byName.get(LOCAL);
        try {
            return new Planned(local, local.plan(request));
        } catch (NeedsGenerativeEngine refused) {
            Engine generative = GENERATIVE.stream().map(byName::get).filter(java.util.Objects::nonNull).findFirst()
                    .orElseThrow(() -> refused.withHint(NO_GENERATIVE_EN, NO_GENERATIVE_ZH));
            EditPlan plan = generative.plan(request);
            return new Planned(generative, plan.because("the local engine cannot do it: " + refused.english()));
        }
    }

    private static final String NO_GENERATIVE_EN =
            "start vedit with --comfyui URL (your GPUs) or --relay-url URL (an upstream RunningHub) to run it";
    private static final String NO_GENERATIVE_ZH = "启动 vedit 时加上 --comfyui URL（自己的 GPU）或 --relay-url URL（上游 RunningHub）即可执行";

    private boolean generativeAvailable() {
        return GENERATIVE.stream().anyMatch(byName::containsKey);
    }

    private String routeOf(ModelSpec model) {
        return routes.getOrDefault(model.endpoint(), defaultRoute);
    }

    /** Every remote route of every engine and whether it can take work. */
    List<dev.vedit.server.engine.RouteHealth> health() {
        return byName.values().stream().flatMap(e -> e.health().stream()).toList();
    }

    /** The submit reply's promptTips for a plan of the named engine (a replayed submit's), or the default shape. */
    String promptTips(String engineName, EditPlan plan) {
        Engine engine = byName.get(engineName);
        return engine == null ? Engine.defaultPromptTips(plan) : engine.promptTips(plan);
    }

    Engine byName(String name) {
        Engine engine = byName.get(name);
        if (engine == null) {
            throw new IllegalStateException("engine " + name + " is not configured on this node");
        }
        return engine;
    }

    /** Parses {@code ENDPOINT=ENGINE} pairs (from {@code --route} or {@code VEDIT_ROUTES}). */
    public static Map<String, String> parseRoutes(List<String> pairs) {
        Map<String, String> routes = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("--route takes ENDPOINT=ENGINE (engine: local, comfyui, relay or auto), not '" + pair
                        + "' | --route 的格式为 ENDPOINT=ENGINE（引擎：local、comfyui、relay 或 auto），而不是 '" + pair + "'");
            }
            String endpoint = pair.substring(0, eq).strip();
            if (endpoint.startsWith("/openapi/v2/")) {
                endpoint = endpoint.substring("/openapi/v2/".length());
            }
            String canonical = dev.vedit.wire.ModelCatalog.standard().byPath(endpoint).map(ModelSpec::endpoint)
                    .orElseThrow(() -> new IllegalArgumentException("--route names an unknown model endpoint '" + pair.substring(0, eq)
                            + "' | --route 指定了未知的模型端点 '" + pair.substring(0, eq) + "'"));
            routes.put(canonical, pair.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
        }
        return routes;
    }
}
