package dev.vedit.server.task;

import dev.vedit.server.engine.Engine;
import dev.vedit.wire.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which engine serves each model endpoint: configured per endpoint, with a default for the rest. */
public final class EngineRouter {
    private final Map<String, Engine> byName = new LinkedHashMap<>();
    private final Map<String, String> routes;
    private final String defaultEngine;

    /**
     * @param engines       the available engines
     * @param routes        endpoint → engine name, for endpoints that do not use the default
     * @param defaultEngine the engine name for every other endpoint
     */
    public EngineRouter(List<Engine> engines, Map<String, String> routes, String defaultEngine) {
        engines.forEach(e -> byName.put(e.name(), e));
        this.routes = Map.copyOf(routes);
        this.defaultEngine = defaultEngine;
        if (!byName.containsKey(defaultEngine)) {
            throw new IllegalArgumentException("unknown default engine " + defaultEngine + "; known: " + byName.keySet());
        }
        routes.forEach((endpoint, engine) -> {
            if (!byName.containsKey(engine)) {
                throw new IllegalArgumentException("endpoint " + endpoint + " is routed to unknown engine " + engine);
            }
        });
    }

    public Engine forModel(ModelSpec model) {
        return byName.get(routes.getOrDefault(model.endpoint(), defaultEngine));
    }

    Engine byName(String name) {
        Engine engine = byName.get(name);
        if (engine == null) {
            throw new IllegalStateException("engine " + name + " is not configured on this node");
        }
        return engine;
    }
}
