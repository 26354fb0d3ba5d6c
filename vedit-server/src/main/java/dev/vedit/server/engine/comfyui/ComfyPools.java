package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured ComfyUI servers, in named pools (bigger GPUs for bigger templates), with what each was last seen able
 * to run: reachable or not, and per template the ComfyUI-shaped errors of checking it against the server's object_info.
 */
final class ComfyPools {
    static final String DEFAULT_POOL = "default";
    private static final Logger log = LoggerFactory.getLogger(ComfyPools.class);

    /** One server and what the last check found. */
    static final class Server {
        final String pool;
        final ComfyClient client;
        volatile boolean reachable;
        volatile String problem = "not checked yet";
        final Map<String, ObjectNode> templateErrors = new ConcurrentHashMap<>();

        Server(String pool, ComfyClient client) {
            this.pool = pool;
            this.client = client;
        }

        String address() {
            return client.address();
        }

        boolean canRun(Template template) {
            ObjectNode errors = templateErrors.get(template.name());
            return reachable && errors != null && errors.isEmpty();
        }
    }

    private final Map<String, List<Server>> pools = new LinkedHashMap<>();
    private final ObjectMapper json;

    /** @param servers pool name → server base URLs */
    ComfyPools(Map<String, List<URI>> servers, HttpClient http, ObjectMapper json) {
        this.json = json;
        servers.forEach((pool, urls) -> pools.put(pool, urls.stream().map(u -> new Server(pool, new ComfyClient(u, http, json))).toList()));
    }

    Set<String> poolNames() {
        return pools.keySet();
    }

    List<Server> pool(String name) {
        return pools.getOrDefault(name, List.of());
    }

    Collection<Server> all() {
        return pools.values().stream().flatMap(List::stream).toList();
    }

    Optional<Server> byAddress(String address) {
        return all().stream().filter(s -> s.address().equals(address)).findFirst();
    }

    /** Checks every server of every pool against the templates that run on it: reachable, node classes, model files. */
    void check(Collection<Template> templates) {
        for (Server server : all()) {
            check(server, templates.stream().filter(t -> t.pool().equals(server.pool)).toList());
        }
    }

    void check(Server server, Collection<Template> templates) {
        try {
            JsonNode info = server.client.objectInfo();
            for (Template t : templates) {
                ObjectNode errors = TemplateCheck.nodeErrors(t, info, json);
                ObjectNode before = server.templateErrors.put(t.name(), errors);
                if (!errors.isEmpty() && !errors.equals(before)) {
                    log.warn("ComfyUI server {} cannot run template {}: {}", server.address(), t.name(), errors);
                }
            }
            if (!server.reachable) {
                log.info("ComfyUI server {} (pool {}) is reachable", server.address(), server.pool);
            }
            server.reachable = true;
            server.problem = "";
        } catch (ComfyClient.Unreachable e) {
            if (server.reachable || server.problem.equals("not checked yet")) {
                log.warn("ComfyUI server {} (pool {}) is unreachable: {}", server.address(), server.pool, e.getMessage());
            }
            server.reachable = false;
            server.problem = e.getMessage();
        }
    }

    /**
     * The server of the template's pool that can run it and has the shortest queue, not one of {@code exclude}.
     * A server whose queue cannot be read counts as unreachable from then on, until its next check.
     */
    Optional<Server> pick(Template template, Set<String> exclude) {
        Server best = null;
        int bestQueue = Integer.MAX_VALUE;
        for (Server s : pool(template.pool())) {
            if (exclude.contains(s.address())) {
                continue;
            }
            if (!s.reachable || !s.templateErrors.containsKey(template.name())) {
                check(s, List.of(template)); // a live look: a server that was down a moment ago may be back
            }
            if (!s.canRun(template)) {
                continue;
            }
            try {
                JsonNode queue = s.client.queue();
                int length = queue.path("queue_running").size() + queue.path("queue_pending").size();
                if (length < bestQueue) {
                    best = s;
                    bestQueue = length;
                }
            } catch (ComfyClient.Unreachable e) {
                s.reachable = false;
                s.problem = e.getMessage();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the server answers now (its queue, a cheap call); one that does not counts as unreachable until its next check. */
    boolean alive(Server s) {
        try {
            s.client.queue();
            return true;
        } catch (ComfyClient.Unreachable e) {
            s.reachable = false;
            s.problem = e.getMessage();
            return false;
        }
    }

    /** Why no server of the template's pool can take it: for the failure message. */
    String whyNot(Template template) {
        List<Server> servers = pool(template.pool());
        if (servers.isEmpty()) {
            return "no ComfyUI server is configured in pool '" + template.pool() + "' (--comfyui " + template.pool() + "=URL)";
        }
        List<String> reasons = new ArrayList<>();
        for (Server s : servers) {
            ObjectNode errors = s.templateErrors.get(template.name());
            if (!s.reachable) {
                reasons.add(s.address() + " is unreachable (" + s.problem + ")");
            } else if (errors != null && !errors.isEmpty()) {
                reasons.add(s.address() + " cannot run " + template.name() + ": " + summary(errors));
            }
        }
        return reasons.isEmpty() ? "every server of pool '" + template.pool() + "' is busy" : String.join("; ", reasons);
    }

    /** Whether some server of the template's pool answered its last check. */
    boolean anyReachable(Template template) {
        return pool(template.pool()).stream().anyMatch(s -> s.reachable);
    }

    /**
     * Whether waiting may help: some server of the pool is unreachable (it may come back able to run the template).
     * When every server answers and none can run it, only the operator can fix it (a node or model file missing).
     */
    boolean anyUnreachable(Template template) {
        return pool(template.pool()).stream().anyMatch(s -> !s.reachable);
    }

    /** node_errors in one line: "node 1 (UNETLoader): unet_name: 'x' not in [...]". */
    static String summary(JsonNode nodeErrors) {
        List<String> parts = new ArrayList<>();
        nodeErrors.fields().forEachRemaining(e -> {
            String details = java.util.stream.StreamSupport.stream(e.getValue().path("errors").spliterator(), false)
                    .map(err -> err.path("details").asText(err.path("message").asText())).collect(Collectors.joining(", "));
            parts.add("node " + e.getKey() + " (" + e.getValue().path("class_type").asText() + "): " + details);
        });
        return String.join("; ", parts);
    }

    static Duration checkInterval() {
        return Duration.ofSeconds(60);
    }
}
