package dev.vedit.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A submit body that passed validation: the model's fields only, with defaults filled in, enum values in
 * their canonical spelling and lists as arrays of strings.
 *
 * @param model      the model it is for
 * @param params     the normalized model fields
 * @param webhookUrl the generic {@code webhookUrl}, or {@code null}
 */
public record ValidatedRequest(ModelSpec model, ObjectNode params, String webhookUrl) {

    public String prompt() {
        return params.path("prompt").asText("");
    }

    /** The source video URL, if given. */
    public Optional<String> videoUrl() {
        return model.videoField().map(f -> params.path(f.name())).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    /** The reference image URLs in order (Figure 1 first); empty when none. */
    public List<String> imageUrls() {
        List<String> urls = new ArrayList<>();
        model.imageField().ifPresent(f -> params.path(f.name()).forEach(n -> urls.add(n.asText())));
        return urls;
    }

    /** A model option as text (LIST, BOOLEAN, INT fields), if present. */
    public Optional<String> option(String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
