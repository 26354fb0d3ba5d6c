package dev.vedit.server.workflow;

import dev.vedit.server.db.Sql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The registered workflows, in the database: {@code vedit workflows add} writes them (also while the service runs), and
 * every node reads them per request, so a new workflow is seen at once everywhere.
 */
public final class WorkflowRegistry {
    private static final String UPDATE_WORKFLOW = Sql.load(WorkflowRegistry.class, "update-workflow");
    private static final String INSERT_WORKFLOW = Sql.load(WorkflowRegistry.class, "insert-workflow");
    private static final String DELETE_ACCESS = Sql.load(WorkflowRegistry.class, "delete-access");
    private static final String INSERT_ACCESS = Sql.load(WorkflowRegistry.class, "insert-access");
    private static final String BY_ID = Sql.load(WorkflowRegistry.class, "by-id");
    private static final String LIST = Sql.load(WorkflowRegistry.class, "list");
    private static final String DELETE_WORKFLOW = Sql.load(WorkflowRegistry.class, "delete-workflow");
    private static final String ACCOUNT_BY_KEY_ID = Sql.load(WorkflowRegistry.class, "account-by-key-id");
    private static final String ACCOUNTS_BY_KEY_PREFIX = Sql.load(WorkflowRegistry.class, "accounts-by-key-prefix");
    private static final String ACCESS = Sql.load(WorkflowRegistry.class, "access");

    /** Ids clients can send in a JSON string and in a URL path; they also end up in a task's endpoint column. */
    private static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;

    public WorkflowRegistry(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
    }

    /** Whether a text is a possible workflow id. */
    public static boolean validId(String id) {
        return id != null && id.matches(ID_PATTERN);
    }

    /**
     * Registers (or replaces) a workflow.
     *
     * @param workflowJson the API-format workflow ({@code {"prompt": {…}}} as {@code getJsonApiFormat} returns it also works)
     * @param appJson      an AI-app description, or {@code null}
     * @param privateTo    account ids that may run it; empty for every account
     * @throws IllegalArgumentException when the id, the workflow or the app description is invalid (the message says why)
     */
    public Workflow add(String id, String workflowJson, String appJson, List<Long> privateTo) {
        if (!validId(id)) {
            throw new IllegalArgumentException("a workflow id is 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit (got \""
                    + id + "\")");
        }
        ObjectNode graph = parseGraph(workflowJson, json);
        Optional<AppDescription> app = Optional.empty();
        if (appJson != null) {
            try {
                app = Optional.of(AppDescription.read(json.readTree(appJson), graph));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the app description is not valid JSON: " + e.getOriginalMessage());
            }
        }
        long now = clock.millis();
        String app0 = app.map(a -> a.source().toString()).orElse(null);
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate(UPDATE_WORKFLOW)
                    .bind("w", graph.toString()).bind("a", app0).bind("now", now).bind("id", id).execute();
            if (updated == 0) {
                h.createUpdate(INSERT_WORKFLOW)
                        .bind("w", graph.toString()).bind("a", app0).bind("now", now).bind("id", id).execute();
            }
            h.createUpdate(DELETE_ACCESS).bind("id", id).execute();
            for (long account : new LinkedHashSet<>(privateTo)) {
                h.createUpdate(INSERT_ACCESS)
                        .bind("id", id).bind("account", account).execute();
            }
        });
        return find(id).orElseThrow();
    }

    public Optional<Workflow> find(String id) {
        if (!validId(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery(BY_ID)
                .bind("id", id).mapToMap().findOne().map(row -> read(h, row)));
    }

    /** Every workflow, by id. */
    public List<Workflow> list() {
        return jdbi.withHandle(h -> h.createQuery(LIST)
                .mapToMap().list().stream().map(row -> read(h, row)).toList());
    }

    /** Removes a workflow; tasks already queued keep their own copy of the graph. */
    public boolean remove(String id) {
        return jdbi.inTransaction(h -> {
            h.createUpdate(DELETE_ACCESS).bind("id", id).execute();
            return h.createUpdate(DELETE_WORKFLOW).bind("id", id).execute() > 0;
        });
    }

    /**
     * The account behind a key named on the command line: its id as {@code vedit keys list} shows it, or the first
     * characters of the key itself (its prefix, as listings show it).
     *
     * @throws IllegalArgumentException when no key, or more than one, matches
     */
    public long accountOfKey(String key) {
        if (key.matches("\\d{1,18}")) {
            Optional<Long> byId;
            try {
                byId = jdbi.withHandle(h -> h.createQuery(ACCOUNT_BY_KEY_ID)
                        .bind("id", Long.parseLong(key)).mapTo(Long.class).findOne());
            } catch (RuntimeException e) {
                byId = Optional.empty(); // a schema whose keys have no id column yet: try the prefix
            }
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        List<Long> byPrefix = jdbi.withHandle(h -> h.createQuery(ACCOUNTS_BY_KEY_PREFIX)
                .bind("p", key).mapTo(Long.class).list());
        if (byPrefix.size() == 1) {
            return byPrefix.getFirst();
        }
        throw new IllegalArgumentException(byPrefix.isEmpty() ? "no API key has the id or prefix \"" + key + "\" (see vedit keys list)"
                : "more than one API key starts with \"" + key + "\"; give its id");
    }

    private Workflow read(Handle h, Map<String, Object> row) {
        String id = (String) row.get("id");
        List<Long> access = h.createQuery(ACCESS)
                .bind("id", id).mapTo(Long.class).list();
        try {
            ObjectNode graph = (ObjectNode) json.readTree((String) row.get("workflow_json"));
            Optional<AppDescription> app = row.get("app_json") == null ? Optional.empty()
                    : Optional.of(AppDescription.read(json.readTree((String) row.get("app_json")), graph));
            return new Workflow(id, graph, app, access, ((Number) row.get("created_at")).longValue(), ((Number) row.get("updated_at")).longValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("workflow " + id + " is stored damaged: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads an API-format workflow: an object of nodes, each with a {@code class_type} and an {@code inputs} object.
     *
     * @throws IllegalArgumentException naming what is wrong (a UI-format export gets its own hint)
     */
    public static ObjectNode parseGraph(String text, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the workflow is not valid JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.isObject() && root.has("prompt") && root.size() == 1) {
            root = root.get("prompt").isTextual() ? parseGraph(root.get("prompt").asText(), json) : root.get("prompt");
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException("the workflow is not a JSON object of nodes (node id -> {class_type, inputs})");
        }
        if (root.has("nodes") && root.has("links")) {
            throw new IllegalArgumentException("this is ComfyUI's UI format; export the workflow with \"Save (API)\" (API format) instead");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            if (!node.getValue().path("class_type").isTextual() || !node.getValue().path("inputs").isObject()) {
                throw new IllegalArgumentException("node \"" + node.getKey() + "\" lacks class_type or inputs (export the workflow with \"Save (API)\")");
            }
            ids.add(node.getKey());
        }
        List<String> dangling = new ArrayList<>();
        root.fields().forEachRemaining(node -> node.getValue().path("inputs").fields().forEachRemaining(in -> {
            JsonNode v = in.getValue();
            if (v.isArray() && v.size() == 2 && v.get(1).isIntegralNumber() && !ids.contains(v.get(0).asText())) {
                dangling.add(node.getKey() + "." + in.getKey() + " -> " + v.get(0).asText());
            }
        }));
        if (!dangling.isEmpty()) {
            throw new IllegalArgumentException("links point at nodes that are not in the workflow: " + String.join(", ", dangling));
        }
        return (ObjectNode) root;
    }
}
