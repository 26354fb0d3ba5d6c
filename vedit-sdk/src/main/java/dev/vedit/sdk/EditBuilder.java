package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        return param("webhookUrl", url);
    }

    /**
     * Sets any field by name, for options this SDK has no method for (or extra fields the hosted service accepts).
     * Strings, numbers, booleans, lists and maps are sent as their JSON forms; {@code null} removes the field.
     */
    public final B param(String name, Object value) {
        if (value == null) {
            body.remove(name);
        } else {
            body.set(name, value instanceof JsonNode node ? node : JSON.valueToTree(value));
        }
        return self();
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
