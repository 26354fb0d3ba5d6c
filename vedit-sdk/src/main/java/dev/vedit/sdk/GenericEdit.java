package dev.vedit.sdk;

import dev.vedit.wire.ModelSpec;
import java.util.List;

/**
 * A request for any catalog model chosen by name at run time (as the CLI's {@code --model} does); options are
 * set with {@link #param(String, Object)}. See {@link Edits#forEndpoint(String)}.
 */
public final class GenericEdit extends EditBuilder<GenericEdit> {
    GenericEdit(ModelSpec model) {
        super(model);
    }

    /** Reference images into the model's image field, Figure 1 first; refused by {@link #build()} if the model has none. */
    public GenericEdit imageUrls(List<String> urls) {
        if (urls.isEmpty()) {
            return this;
        }
        return images(model().imageField().map(f -> f.name()).orElse("imageUrls"), urls);
    }
}
