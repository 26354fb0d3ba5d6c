package dev.vedit.sdk;

import dev.vedit.wire.ModelSpec;
import java.util.List;

/** A request for {@code kling-video-o1-std/edit-video}; see {@link Edits#klingO1Std()}. */
public final class KlingO1Edit extends EditBuilder<KlingO1Edit> {
    KlingO1Edit(ModelSpec model) {
        super(model);
    }

    /** Reference images, Figure 1 first (at most 7, JPG or PNG). */
    public KlingO1Edit imageUrls(String... urls) {
        return images("imageUrls", List.of(urls));
    }

    /** Reference images, Figure 1 first. */
    public KlingO1Edit imageUrls(List<String> urls) {
        return images("imageUrls", urls);
    }

    /** {@code std} (default) or {@code pro}: quality against speed. */
    public KlingO1Edit mode(String mode) {
        return param("mode", mode);
    }

    /** Whether the output keeps the source's audio (default true). */
    public KlingO1Edit keepOriginalSound(boolean keep) {
        return param("keepOriginalSound", keep);
    }
}
