package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WireJson;
import java.util.List;

/**
 * What every model's request builder has: the prompt, the source video, the generic {@code webhookUrl}, and
 * {@link #param(String, Object)} for any other field. {@link #build()} checks the body against the model's facts
 * in the shared catalog, so a mistake is reported here, naming the field, before anything is sent.
 *
 * @param <B> the concrete builder, so calls chain
 */
public abstract sealed class EditBuilder<B extends EditBuilder<B>> permits KlingO3Edit, KlingO1Edit, WanEdit, GrokEdit, GenericEdit {
    private static final ObjectMapper JSON = WireJson.newMapper();
    private static final String WEBHOOK_URL = "webhookUrl";
    private final ModelSpec model;
    private final ObjectNode body = JsonNodeFactory.instance.objectNode();

    EditBuilder(ModelSpec model) {
        this.model = model;
    }

    /** The model this builder is for. */
    public final ModelSpec model() {
        return model;
    }

    /** The edit instruction, English or Chinese. */
    public final B prompt(String prompt) {
        return param("prompt", prompt);
    }

    /** The source video: an http(s) URL, an upload's {@code download_url}, or a {@code data:} URI. */
    public final B videoUrl(String url) {
        return param(model.videoField().map(f -> f.name()).orElse("videoUrl"), url);
    }

    /** Where the service POSTs the task's end (see {@link Webhooks}). */
    public final B webhookUrl(String url) {
        return param(WEBHOOK_URL, url);
    }

    /**
     * Sets any field of the model by name, for options this SDK has no method for. Strings, numbers, booleans, lists and
     * maps are sent as their JSON forms ({@code param("seed", 42)}, not {@code "42"}); {@code null} removes the field. A
     * name the model does not have is refused by {@link #build()}, so a typo is not silently ignored.
     */
    public final B param(String name, Object value) {
        if (value == null) {
            body.remove(name);
        } else {
            body.set(name, value instanceof JsonNode node ? node : JSON.valueToTree(value));
        }
        return self();
    }

    /**
     * Sets a field from text, converted to the field's wire type: {@code true}/{@code false} for a boolean, a whole number
     * for an integer, a URL list of one for an image list, the text itself otherwise. For command lines and config files,
     * where every value arrives as text ({@code keepOriginalSound=false}).
     *
     * @throws InvalidRequestException naming the field when the model has no such field or the text is not of its type
     */
    public final B option(String name, String text) {
        FieldSpec field = model.field(name).orElseThrow(() -> unknownField(name));
        String value = text.strip();
        return switch (field.type()) {
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw invalid(name + " must be true or false (got \"" + text + "\")", name + " 必须是 true 或 false（当前为 \"" + text + "\"）");
                }
                yield param(name, Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
            }
            case INT -> {
                try {
                    yield param(name, Long.parseLong(value));
                } catch (NumberFormatException e) {
                    throw invalid(name + " must be a whole number (got \"" + text + "\")", name + " 必须是整数（当前为 \"" + text + "\"）");
                }
            }
            case IMAGE -> field.list() ? images(name, List.of(value)) : param(name, value);
            case STRING, LIST, VIDEO, AUDIO -> param(name, value);
        };
    }

    private InvalidRequestException unknownField(String name) {
        List<String> names = new java.util.ArrayList<>(model.fields().stream().map(FieldSpec::name).toList());
        names.add(WEBHOOK_URL);
        String near = names.stream().filter(n -> n.equalsIgnoreCase(name) || distance(n.toLowerCase(java.util.Locale.ROOT),
                name.toLowerCase(java.util.Locale.ROOT)) <= 2).findFirst().map(n -> " (did you mean " + n + "?)").orElse("");
        return invalid(name + " is not a field of " + model.endpoint() + near + "; its fields are " + String.join(", ", names),
                name + " 不是 " + model.endpoint() + " 的字段；可用字段为 " + String.join("、", names));
    }

    private static InvalidRequestException invalid(String english, String chinese) {
        return new InvalidRequestException("1007", "Invalid parameters: " + english + " | 参数错误：" + chinese, "", null);
    }

    /** Edit distance, to suggest the field a typo meant. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    final B images(String field, List<String> urls) {
        ArrayNode array = body.putArray(field);
        urls.forEach(array::add);
        return self();
    }

    /**
     * Checks the body against the model's field facts (required fields, types, lengths, enums, item counts, URL
     * forms) and returns the request.
     *
     * @throws InvalidRequestException naming the field, with the service's bilingual message
     */
    public final EditRequest build() {
        for (java.util.Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(WEBHOOK_URL) && model.field(name).isEmpty()) {
                throw unknownField(name);
            }
        }
        try {
            RequestValidator.validate(model, body);
        } catch (VeditException e) {
            throw new InvalidRequestException(e.code().code(), e.getMessage(), "", e);
        }
        return new EditRequest(model, body);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
