package dev.vedit.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The OpenAPI 3.1 document of the whole API. The fixed endpoints are written by hand
 * ({@code openapi-base.json}, beside this class); the model endpoints are generated from the model catalog,
 * so their fields, limits and enums are the ones the validator enforces.
 */
public final class ApiDocument {
    private ApiDocument() {
    }

    /** The document, as JSON text. */
    public static String json(ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(build(mapper));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode build(ObjectMapper mapper) throws IOException {
        ObjectNode doc;
        try (InputStream in = ApiDocument.class.getResourceAsStream("openapi-base.json")) {
            if (in == null) {
                throw new IOException("openapi-base.json is missing from the classpath");
            }
            doc = (ObjectNode) mapper.readTree(in);
        }
        ObjectNode paths = (ObjectNode) doc.get("paths");
        for (ModelSpec model : ModelCatalog.standard().models()) {
            List<String> names = new ArrayList<>();
            names.add(model.endpoint());
            names.addAll(model.aliases());
            for (String name : names) {
                paths.set("/openapi/v2/" + name, submitPath(mapper, model, name));
            }
        }
        return doc;
    }

    private static ObjectNode submitPath(ObjectMapper mapper, ModelSpec model, String name) {
        ObjectNode op = mapper.createObjectNode();
        op.putArray("tags").add("video edit");
        op.put("operationId", "submit_" + name.replaceAll("[^A-Za-z0-9]+", "_"));
        op.put("summary", "Submit an edit: " + name);
        op.put("description", (name.equals(model.endpoint()) ? "" : "Alias of " + model.endpoint() + ". ")
                + "Validated against the model catalog, planned at once by the routed engine (an edit it cannot do answers errorCode 2001 "
                + "quoting the refused words), then queued. Media fields take an upload's download_url, a public http(s) URL or a data: URI. "
                + String.format(Locale.ROOT, "Source video %.0f-%.0f s; prompt at least %d characters; queue size %d; concurrency %d. ",
                model.limits().videoMinSeconds(), model.limits().videoMaxSeconds(), model.limits().promptMinLength(),
                model.limits().queueSize(), model.limits().concurrencyLimit())
                + "Poll /openapi/v2/query, or pass webhookUrl to receive a TASK_END event.");
        ObjectNode schema = op.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                .putObject("schema").put("type", "object");
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        for (FieldSpec field : model.fields()) {
            if (field.required()) {
                required.add(field.name());
            }
            properties.set(field.name(), fieldSchema(mapper, field));
        }
        properties.putObject("webhookUrl").put("type", "string").put("format", "uri").put("description", "Receives a TASK_END event when the task ends");
        properties.putObject("apiKey").put("type", "string").put("description", "Instead of the Authorization header");
        op.putObject("responses").putObject("200").put("description", "The queued task, or the refusal in the same shape")
                .putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/TaskReply");
        ObjectNode path = mapper.createObjectNode();
        path.set("post", op);
        return path;
    }

    private static JsonNode fieldSchema(ObjectMapper mapper, FieldSpec field) {
        ObjectNode item = mapper.createObjectNode();
        List<String> notes = new ArrayList<>();
        switch (field.type()) {
            case STRING -> item.put("type", "string");
            case VIDEO, IMAGE, AUDIO -> {
                item.put("type", "string");
                notes.add("URL of " + (field.type().name().toLowerCase(Locale.ROOT)));
                if (!field.formats().isEmpty()) {
                    notes.add("formats " + String.join(", ", field.formats()));
                }
                if (field.maxSizeMB() > 0) {
                    notes.add("at most " + field.maxSizeMB() + " MB");
                }
            }
            case LIST -> {
                item.put("type", "string");
                ArrayNode values = item.putArray("enum");
                field.enumValues().forEach(values::add);
            }
            case BOOLEAN -> item.put("type", "boolean");
            case INT -> {
                item.put("type", "integer");
                if (field.min() != null) {
                    item.put("minimum", field.min());
                }
                if (field.max() != null) {
                    item.put("maximum", field.max());
                }
            }
        }
        if (field.maxLength() > 0) {
            item.put("maxLength", field.maxLength());
        }
        ObjectNode schema = item;
        if (field.list()) {
            schema = mapper.createObjectNode().put("type", "array");
            schema.set("items", item);
            if (field.maxItems() > 0) {
                schema.put("maxItems", field.maxItems());
            }
        }
        if (field.defaultValue() != null && !field.defaultValue().isNull()) {
            schema.set("default", field.defaultValue());
        }
        if (!notes.isEmpty()) {
            schema.put("description", String.join("; ", notes));
        }
        return schema;
    }
}
