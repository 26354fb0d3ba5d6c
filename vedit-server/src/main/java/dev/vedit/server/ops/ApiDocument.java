package dev.vedit.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.FieldType;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelLimits;
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
                + videoLimits(model.limits())
                + String.format(Locale.ROOT, "prompt at least %d characters; queue size %d; concurrency %d. ",
                model.limits().promptMinLength(), model.limits().queueSize(), model.limits().concurrencyLimit())
                + "Poll /openapi/v2/query, or pass webhookUrl to receive a TASK_END event.");
        ArrayNode parameters = op.putArray("parameters");
        parameters.addObject().put("name", "dryRun").put("in", "query").put("required", false)
                .put("description", "vedit extension: validate and plan only; nothing is stored or fetched. The reply has an empty taskId"
                        + " and status and the plan, or the refusal a submit would get. Media URLs are not fetched, so any well-formed URL"
                        + " will do.")
                .putObject("schema").put("type", "boolean").put("default", false);
        parameters.addObject().put("name", "Idempotency-Key").put("in", "header").put("required", false)
                .put("description", "vedit extension: the same key and request within 24 h answer with the task the first submit created"
                        + " (on any api node); the same key with a different request is refused with 1007. Echoed in the reply;"
                        + " a replay also carries Idempotent-Replayed: true.")
                .putObject("schema").put("type", "string").put("minLength", 1).put("maxLength", 255).put("pattern", "^[\\x21-\\x7e]+$");
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
        schema.put("additionalProperties", true); // clients add fields (apiKey, their own); unknown ones are ignored
        properties.putObject("webhookUrl").put("type", "string").put("format", "uri").put("description", "Receives a TASK_END event when the task ends");
        properties.putObject("apiKey").put("type", "string").put("description", "Instead of the Authorization header");
        ((ObjectNode) op.get("requestBody").get("content").get("application/json")).putObject("examples").putObject("edit")
                .put("summary", "An edit of an uploaded video").set("value", exampleBody(mapper, model));
        ObjectNode reply = op.putObject("responses").putObject("200").put("description", "The queued task, or the refusal in the same shape")
                .putObject("content").putObject("application/json");
        reply.putObject("schema").put("$ref", "#/components/schemas/TaskReply");
        ObjectNode examples = reply.putObject("examples");
        examples.putObject("queued").put("summary", "Accepted and queued").set("value", mapper.createObjectNode()
                .put("taskId", "1383453458050519040").put("status", "QUEUED").put("errorCode", "").put("errorMessage", "").putNull("results")
                .put("clientId", "f828b9af25161bc066ef152db7b29ccc")
                .put("promptTips", "{\"result\": true, \"error\": null, \"outputs_to_execute\": [\"local\"], \"node_errors\": {}}")
                .set("plan", mapper.createObjectNode().put("engine", "local").set("operations", mapper.createArrayNode().add(
                        mapper.createObjectNode().put("op", "grayscale").put("source", "make it black and white").set("params", mapper.createObjectNode())))));
        examples.putObject("refused").put("summary", "An edit the engine cannot do (permanent)").set("value", mapper.createObjectNode()
                .put("taskId", "").put("status", "").put("errorCode", "2001")
                .put("errorMessage", ErrorCode.EDIT_NOT_SUPPORTED.message("\"turn it into anime style\" needs a generative engine",
                        "“转换成动漫风格”需要生成式引擎"))
                .putNull("results"));
        examples.putObject("invalid").put("summary", "A wrong type").set("value", mapper.createObjectNode()
                .put("taskId", "").put("status", "").put("errorCode", "1007")
                .put("errorMessage", "Invalid parameters: imageUrls must be a JSON array of URL strings | 参数错误：imageUrls 必须是 URL 字符串组成的 JSON 数组")
                .putNull("results"));
        ObjectNode path = mapper.createObjectNode();
        path.set("post", op);
        return path;
    }

    /** "Source video 2-10 s; ", "Source video at most 15 s; ", or nothing where the model sets no limit (never "0-0 s"). */
    static String videoLimits(ModelLimits limits) {
        double min = limits.videoMinSeconds();
        double max = limits.videoMaxSeconds();
        if (min > 0 && max > 0) {
            return String.format(Locale.ROOT, "Source video %s-%s s; ", seconds(min), seconds(max));
        } else if (max > 0) {
            return "Source video at most " + seconds(max) + " s; ";
        } else if (min > 0) {
            return "Source video at least " + seconds(min) + " s; ";
        }
        return "";
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    /** A request body that passes the validator: the required fields, with an upload's URL in media fields. */
    private static ObjectNode exampleBody(ObjectMapper mapper, ModelSpec model) {
        ObjectNode body = mapper.createObjectNode();
        for (FieldSpec field : model.fields()) {
            if (!field.required() && !field.type().isMedia()) {
                continue;
            }
            String url = "http://127.0.0.1:8080/media/kwoAbdF9x2/" + (field.type() == FieldType.VIDEO ? "9f86d081.mp4" : "3a7bd3e2.png");
            switch (field.type()) {
                case STRING -> body.put(field.name(), field.name().equals("prompt") ? "make it black and white and slow it down to half speed" : "");
                case VIDEO -> body.put(field.name(), url);
                case IMAGE -> body.putArray(field.name()).add(url);
                case LIST, BOOLEAN, INT -> {
                    if (field.defaultValue() != null) {
                        body.set(field.name(), field.defaultValue());
                    }
                }
            }
        }
        body.put("webhookUrl", "https://example.com/vedit-webhook");
        return body;
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
                if (field.enumValues().stream().allMatch(v -> v.matches("\\d+"))) {
                    notes.add("a string on the wire; the JSON number of an allowed value is accepted too");
                }
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
