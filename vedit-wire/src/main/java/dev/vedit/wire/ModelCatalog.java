package dev.vedit.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The five video-edit models and their field facts, read from {@code video-edit-models.json} (a copy of
 * the contract's companion data). The one source of truth for validation, on the server and in the SDK.
 */
public final class ModelCatalog {
    private static final ModelCatalog DEFAULT = load();

    private final List<ModelSpec> models;
    private final Map<String, ModelSpec> byPath;

    private ModelCatalog(List<ModelSpec> models) {
        this.models = List.copyOf(models);
        Map<String, ModelSpec> paths = new LinkedHashMap<>();
        for (ModelSpec m : models) {
            paths.put(m.endpoint(), m);
            for (String alias : m.aliases()) {
                paths.putIfAbsent(alias, m);
            }
        }
        this.byPath = Map.copyOf(paths);
    }

    /** The catalog shipped with this version. */
    public static ModelCatalog standard() {
        return DEFAULT;
    }

    public List<ModelSpec> models() {
        return models;
    }

    /** The model served at a path below {@code /openapi/v2/} (its endpoint or one of its aliases). */
    public Optional<ModelSpec> byPath(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return Optional.ofNullable(byPath.get(p));
    }

    /** Every path (endpoints and aliases) that accepts a submit. */
    public List<String> paths() {
        return List.copyOf(byPath.keySet());
    }

    private static ModelCatalog load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream("video-edit-models.json")) {
            if (in == null) {
                throw new IllegalStateException("video-edit-models.json is missing from the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<ModelSpec> models = new ArrayList<>();
            for (JsonNode m : root.path("models")) {
                models.add(parseModel(m));
            }
            return new ModelCatalog(models);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModelSpec parseModel(JsonNode m) {
        List<String> aliases = new ArrayList<>();
        m.path("aliases").forEach(a -> {
            if (!a.asText().equals(m.path("endpoint").asText())) {
                aliases.add(a.asText());
            }
        });
        List<FieldSpec> fields = new ArrayList<>();
        for (JsonNode f : m.path("fields")) {
            fields.add(parseField(f));
        }
        JsonNode l = m.path("limits");
        ModelLimits limits = new ModelLimits(
                l.path("videoMinSeconds").asDouble(0),
                l.path("videoMaxSeconds").asDouble(0),
                l.path("promptMinLength").asInt(1),
                l.path("queueSize").asInt(1000),
                l.path("concurrencyLimit").asInt(500));
        return new ModelSpec(m.path("endpoint").asText(), aliases, m.path("output").asText("video"), fields, limits);
    }

    private static FieldSpec parseField(JsonNode f) {
        FieldType type = FieldType.valueOf(f.path("type").asText().toUpperCase(Locale.ROOT));
        List<String> formats = new ArrayList<>();
        f.path("formats").forEach(x -> formats.add(x.asText().toUpperCase(Locale.ROOT)));
        List<String> enums = new ArrayList<>();
        f.path("enum").forEach(x -> enums.add(x.asText()));
        return new FieldSpec(
                f.path("name").asText(),
                type,
                f.path("required").asBoolean(false),
                f.path("list").asBoolean(false),
                f.path("maxItems").asInt(0),
                f.path("maxLength").asInt(0),
                f.path("maxSizeMB").asInt(0),
                formats,
                f.has("default") ? f.get("default") : null,
                enums,
                f.has("min") ? f.get("min").asLong() : null,
                f.has("max") ? f.get("max").asLong() : null);
    }
}
